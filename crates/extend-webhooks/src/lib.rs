#![doc = include_str!("../README.md")]

use ring::hmac;
use serde::de::DeserializeOwned;
use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The header with the delivery's Unix time, in seconds.
pub const TIMESTAMP_HEADER: &str = "x-extend-request-timestamp";
/// The header with the hex HMAC-SHA256 of `v0:{timestamp}:{raw body}`.
pub const SIGNATURE_HEADER: &str = "x-extend-request-signature";
/// How old a delivery's timestamp may be unless [`Verifier::with_tolerance`] says otherwise.
pub const DEFAULT_TOLERANCE: Duration = Duration::from_secs(5 * 60);
/// How far ahead of now a delivery's timestamp may be (the two clocks disagreeing) unless
/// [`Verifier::with_clock_skew`] says otherwise: a minute, as the API documents and the
/// official SDKs check.
pub const DEFAULT_CLOCK_SKEW: Duration = Duration::from_secs(60);

/// Checks deliveries signed with one endpoint's secret.
#[derive(Clone)]
pub struct Verifier {
    key: hmac::Key,
    tolerance: Duration,
    clock_skew: Duration,
    clock: Arc<dyn Fn() -> SystemTime + Send + Sync>,
}

impl fmt::Debug for Verifier {
    /// Leaves the secret out.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Verifier")
            .field("tolerance", &self.tolerance)
            .field("clock_skew", &self.clock_skew)
            .finish_non_exhaustive()
    }
}

/// Why a delivery was refused: one variant per check.
#[derive(Debug)]
#[non_exhaustive]
pub enum VerifyError {
    /// A header the delivery must carry is absent (or not visible ASCII).
    MissingHeader(&'static str),
    /// The timestamp is not a whole number of seconds.
    MalformedTimestamp(String),
    /// The signature is not 64 hexadecimal digits.
    MalformedSignature(String),
    /// The signature does not match the body, timestamp and secret.
    WrongSignature,
    /// The timestamp is older than the tolerance allows.
    Stale {
        /// How old it is.
        age: Duration,
    },
    /// The timestamp is further in the future than the clock skew allows.
    Future {
        /// How far ahead it is.
        ahead: Duration,
    },
    /// The signed body does not read as the event type.
    NotAnEvent(serde_json::Error),
}

impl fmt::Display for VerifyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::MissingHeader(name) => write!(f, "the delivery has no `{name}` header"),
            Self::MalformedTimestamp(text) => {
                write!(f, "the timestamp `{text}` is not a number of seconds")
            }
            Self::MalformedSignature(text) => {
                write!(f, "the signature `{text}` is not 64 hexadecimal digits")
            }
            Self::WrongSignature => f.write_str("the signature does not match the delivery"),
            Self::Stale { age } => write!(f, "the delivery is {} s old", age.as_secs()),
            Self::Future { ahead } => {
                write!(
                    f,
                    "the delivery is dated {} s in the future",
                    ahead.as_secs()
                )
            }
            Self::NotAnEvent(e) => write!(f, "the body is not an event: {e}"),
        }
    }
}

impl std::error::Error for VerifyError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::NotAnEvent(e) => Some(e),
            _ => None,
        }
    }
}

impl Verifier {
    /// A verifier for the endpoint whose signing secret (`wss_...`) is `secret`.
    pub fn new(secret: impl AsRef<[u8]>) -> Self {
        Self {
            key: hmac::Key::new(hmac::HMAC_SHA256, secret.as_ref()),
            tolerance: DEFAULT_TOLERANCE,
            clock_skew: DEFAULT_CLOCK_SKEW,
            clock: Arc::new(SystemTime::now),
        }
    }

    /// The same verifier with another freshness window: how old a delivery may be.
    pub fn with_tolerance(mut self, tolerance: Duration) -> Self {
        self.tolerance = tolerance;
        self
    }

    /// The same verifier allowing timestamps up to `skew` ahead of its clock.
    pub fn with_clock_skew(mut self, skew: Duration) -> Self {
        self.clock_skew = skew;
        self
    }

    /// The same verifier reading the time from `clock`, for tests.
    pub fn with_clock(mut self, clock: impl Fn() -> SystemTime + Send + Sync + 'static) -> Self {
        self.clock = Arc::new(clock);
        self
    }

    /// Checks a delivery's headers and raw body, and reads the body as `T`.
    pub fn verify<T: DeserializeOwned>(
        &self,
        headers: &http::HeaderMap,
        body: &[u8],
    ) -> Result<T, VerifyError> {
        let header = |name: &'static str| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .ok_or(VerifyError::MissingHeader(name))
        };
        self.verify_parts(header(TIMESTAMP_HEADER)?, header(SIGNATURE_HEADER)?, body)
    }

    /// Checks a delivery given the two header values and the raw body, and reads the body as
    /// `T`: the signature first, in constant time, then the timestamp's freshness, then the
    /// body.
    pub fn verify_parts<T: DeserializeOwned>(
        &self,
        timestamp: &str,
        signature: &str,
        body: &[u8],
    ) -> Result<T, VerifyError> {
        let seconds: u64 = timestamp
            .trim()
            .parse()
            .map_err(|_| VerifyError::MalformedTimestamp(timestamp.to_owned()))?;
        let expected = decode_hex(signature.trim())
            .ok_or_else(|| VerifyError::MalformedSignature(signature.to_owned()))?;
        let mut signed = format!("v0:{}:", timestamp.trim()).into_bytes();
        signed.extend_from_slice(body);
        hmac::verify(&self.key, &signed, &expected).map_err(|_| VerifyError::WrongSignature)?;
        let sent = UNIX_EPOCH + Duration::from_secs(seconds);
        let now = (self.clock)();
        match now.duration_since(sent) {
            Ok(age) if age > self.tolerance => return Err(VerifyError::Stale { age }),
            Err(ahead) if ahead.duration() > self.clock_skew => {
                return Err(VerifyError::Future {
                    ahead: ahead.duration(),
                })
            }
            _ => {}
        }
        serde_json::from_slice(body).map_err(VerifyError::NotAnEvent)
    }
}

/// The `x-extend-request-signature` a sender gives a delivery of `body` at `timestamp` (Unix
/// seconds): the lowercase hex HMAC-SHA256 of `v0:{timestamp}:{body}` keyed with `secret`. For
/// what sends deliveries (a mock server, a test of a receiver); receivers use [`Verifier`].
pub fn sign(secret: impl AsRef<[u8]>, timestamp: u64, body: &[u8]) -> String {
    let key = hmac::Key::new(hmac::HMAC_SHA256, secret.as_ref());
    let mut signed = format!("v0:{timestamp}:").into_bytes();
    signed.extend_from_slice(body);
    hmac::sign(&key, &signed)
        .as_ref()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// 32 bytes from 64 hexadecimal digits, either case.
fn decode_hex(text: &str) -> Option<[u8; 32]> {
    let digits = text.as_bytes();
    if digits.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (byte, pair) in out.iter_mut().zip(digits.chunks(2)) {
        let high = char::from(pair[0]).to_digit(16)?;
        let low = char::from(pair[1]).to_digit(16)?;
        *byte = u8::try_from(high * 16 + low).ok()?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn hex_is_64_digits_of_either_case() {
        let lower = "00ff".repeat(16);
        assert_eq!(super::decode_hex(&lower).unwrap()[..2], [0, 255]);
        assert_eq!(super::decode_hex(&lower.to_uppercase()).unwrap()[1], 255);
        assert!(super::decode_hex("00ff").is_none());
        assert!(super::decode_hex(&"zz".repeat(32)).is_none());
    }
}
