"""Webhook signature test vectors, computed with Python's own hmac and hashlib: the
independent implementation the Rust verifier (crates/extend-webhooks) is tested against.

    python webhook_vectors.py write PATH   # writes the vectors
    python webhook_vectors.py check PATH   # fails unless PATH holds exactly these vectors
"""

import hashlib
import hmac
import json
import sys

SECRET = "wss_example_signing_secret"

BODIES = [
    # A completed run, as a delivery carries it.
    '{"eventId":"evt_Xj9dK2","eventType":"workflow_run.completed","payload":'
    '{"object":"workflow_run","id":"workflow_run_Xj8mK2pL9nR4vT7qY5wZ","status":"PROCESSED",'
    '"initialRunAt":"2024-11-29T08:00:00.000Z","files":[],"outputs":[],'
    '"workflow":{"object":"workflow","id":"workflow_9001","version":"2","name":"Invoice intake"}}}',
    # An event type no client knows yet.
    '{"eventId":"evt_Q7","eventType":"workflow.archived","payload":{"id":"wf_1"}}',
    # Text beyond ASCII, signed as its UTF-8 bytes.
    '{"eventId":"evt_\u00e9","eventType":"workflow_run.failed","payload":{"note":"\u00fcber \u2713"}}',
]

TIMESTAMPS = ["1732867200", "1700000000", "1732867499"]


def signature(secret: str, timestamp: str, body: str) -> str:
    message = b"v0:" + timestamp.encode() + b":" + body.encode("utf-8")
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def vectors() -> dict:
    return {
        "secret": SECRET,
        "deliveries": [
            {"timestamp": t, "body": b, "signature": signature(SECRET, t, b)}
            for t, b in zip(TIMESTAMPS, BODIES)
        ],
    }


def main() -> int:
    mode, path = sys.argv[1], sys.argv[2]
    text = json.dumps(vectors(), indent=2, ensure_ascii=False) + "\n"
    if mode == "write":
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return 0
    with open(path, encoding="utf-8") as f:
        if f.read() != text:
            print(f"{path} does not hold the vectors Python computes; run: python {sys.argv[0]} write {path}")
            return 1
    print(f"{len(vectors()['deliveries'])} webhook signature vectors match Python's hmac")
    return 0


if __name__ == "__main__":
    sys.exit(main())
