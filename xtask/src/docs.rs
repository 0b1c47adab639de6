//! `cargo xtask docs`: a single-page HTML API reference of the spec, built with
//! `@redocly/cli build-docs` into `target/api-docs/index.html`, and its check in headless
//! Chromium.
//!
//! The page redocly writes loads Redoc's script from a CDN; the same version ships inside the
//! pinned CLI, so the page gets that script inlined and works offline, from a file.

use crate::tools::{self, contract_dir, quiet_node_env};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Where the reference goes, relative to the workspace root.
pub const OUT_DIR: &str = "target/api-docs";

/// The Redoc bundle inside the pinned `@redocly/cli`.
const LOCAL_BUNDLE: &str = "node_modules/@redocly/cli/lib/chunks/redoc.standalone.js";
/// How the built page imports the bundle.
const CDN_IMPORT_START: &str = "import { hydrate } from \"https://cdn.redocly.com/redoc/v";
const CDN_IMPORT_END: &str = "/bundles/redoc.standalone.js\";";

/// Builds the reference and returns the page's path.
pub fn build() -> Result<PathBuf, String> {
    let bin = tools::ensure_npm_tools()?;
    let root = crate::workspace_root();
    let out_dir = root.join(OUT_DIR);
    std::fs::create_dir_all(&out_dir).map_err(|e| format!("{}: {e}", out_dir.display()))?;
    let raw = out_dir.join("redocly-output.html");
    tools::run(
        quiet_node_env(&mut Command::new(bin.join("redocly")))
            .arg("build-docs")
            .arg(root.join(crate::codegen::layout::MOCKED.spec()))
            .arg("--config")
            .arg(contract_dir().join("redocly.yaml"))
            .arg("--output")
            .arg(&raw)
            .current_dir(&root),
        "redocly build-docs",
    )?;
    let page = std::fs::read_to_string(&raw).map_err(|e| format!("{}: {e}", raw.display()))?;
    let bundle_path = contract_dir().join(LOCAL_BUNDLE);
    let bundle = std::fs::read_to_string(&bundle_path).map_err(|e| {
        format!(
            "the Redoc bundle is missing at {}: {e}",
            bundle_path.display()
        )
    })?;
    let page = inline_bundle(&page, &bundle)?;
    let index = out_dir.join("index.html");
    let temp = out_dir.join(".index.html.tmp");
    std::fs::write(&temp, page).map_err(|e| format!("{}: {e}", temp.display()))?;
    std::fs::rename(&temp, &index).map_err(|e| format!("{}: {e}", index.display()))?;
    let _ = std::fs::remove_file(&raw);
    Ok(index)
}

/// Replaces the page's import of Redoc from the CDN with the local bundle of the same version.
fn inline_bundle(page: &str, bundle: &str) -> Result<String, String> {
    let start = page
        .find(CDN_IMPORT_START)
        .ok_or("the page redocly built does not import Redoc the expected way; update docs.rs")?;
    let version_end = page[start..]
        .find(CDN_IMPORT_END)
        .map(|i| start + i)
        .ok_or("the Redoc import in the built page is not terminated as expected")?;
    let version = &page[start + CDN_IMPORT_START.len()..version_end];
    if !bundle.contains(&format!("Version: {version}")) {
        return Err(format!(
            "the page wants Redoc {version}, but the bundle in the pinned CLI is another version"
        ));
    }
    if bundle.contains("</script") {
        return Err("the Redoc bundle contains `</script` and cannot be inlined".to_owned());
    }
    let export = bundle
        .rfind("export{")
        .ok_or("the Redoc bundle has no final `export{...}`")?;
    let module = &bundle[..export];
    let end = version_end + CDN_IMPORT_END.len();
    Ok(format!("{}{module}{}", &page[..start], &page[end..]))
}

/// What a reader must see on the page: the operation, its request body and the WorkflowRun
/// schema.
const MUST_SHOW: &[&str] = &[
    "Update a workflow run",
    "/workflow_runs/{id}",
    "x-extend-api-version",
    "The fields to change.",
    "A new name for the workflow run.",
    "(WorkflowRunMetadata)",
    "(WorkflowRun)",
    "workflowRun.initialRunAt",
    "workflowRun.status",
    "NEEDS_REVIEW",
];

/// Opens the page in headless Chromium at the operation, checks that the reader sees it, and
/// saves a screenshot next to the page.
pub fn check_in_browser(index: &Path) -> Result<PathBuf, String> {
    let chromium = tools::ensure_chromium()?;
    let url = format!(
        "file://{}#tag/workflow-runs/operation/updateWorkflowRun",
        index.display()
    );
    let profile = index.with_file_name(".chromium-profile");
    let _ = std::fs::remove_dir_all(&profile);
    // The page is read in a window tall enough for every operation: Redoc renders operations
    // lazily around the one in view, and in a screen-high window headless Chromium stopped,
    // about every second run, before it had rendered the fifth one's response. The screenshot
    // keeps a screen's height.
    let browser = |height: u32, extra: &[&str]| {
        let mut command = Command::new(chromium);
        command
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                "--virtual-time-budget=15000",
            ])
            .arg(format!("--window-size=1280,{height}"))
            .arg(format!("--user-data-dir={}", profile.display()))
            .args(extra)
            .arg(&url);
        command
    };
    let dom = browser(20_000, &["--dump-dom"])
        .output()
        .map_err(|e| format!("could not run {chromium}: {e}"))?;
    if !dom.status.success() {
        return Err(format!(
            "{chromium} failed to render the page ({})",
            dom.status
        ));
    }
    // Compared without white space: markup splits `workflowRun.` and `status` into elements,
    // with a zero-width space between them as a line-break hint.
    let squeeze = |s: &str| -> String {
        s.chars()
            .filter(|c| !c.is_whitespace() && *c != '\u{200b}')
            .collect()
    };
    let text = squeeze(&visible_text(&String::from_utf8_lossy(&dom.stdout)));
    let missing: Vec<&str> = MUST_SHOW
        .iter()
        .copied()
        .filter(|s| !text.contains(&squeeze(s)))
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "the API reference in {} does not show: {}",
            index.display(),
            missing.join(", ")
        ));
    }
    let screenshot = index.with_file_name("screenshot.png");
    let shot = browser(2_400, &[&format!("--screenshot={}", screenshot.display())])
        .output()
        .map_err(|e| format!("could not run {chromium}: {e}"))?;
    let _ = std::fs::remove_dir_all(&profile);
    if !shot.status.success() || !screenshot.exists() {
        return Err(format!(
            "{chromium} could not save a screenshot to {}",
            screenshot.display()
        ));
    }
    Ok(screenshot)
}

/// The text of an HTML document without scripts, styles and tags, with spaces collapsed.
fn visible_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len() / 4);
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        text.push(' ');
        rest = &rest[open..];
        let skip_to = ["script", "style"].iter().find_map(|tag| {
            rest.get(1..=tag.len())
                .filter(|t| t.eq_ignore_ascii_case(tag))
                .map(|_| format!("</{tag}"))
        });
        let end = match skip_to {
            Some(close) => rest.find(&close).map_or(rest.len(), |i| i + close.len()),
            None => 0,
        };
        rest = &rest[end..];
        rest = rest.find('>').map_or("", |i| &rest[i + 1..]);
    }
    text.push_str(rest);
    let decoded = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visible_text_drops_markup_scripts_and_styles() {
        let html = "<p>Update <b>a</b> run</p><script>var x = '<p>hidden</p>';</script><style>p{}</style>&lt;id&gt;";
        assert_eq!(visible_text(html), "Update a run <id>");
    }

    #[test]
    fn the_cdn_import_is_replaced_by_the_matching_bundle() {
        let page = "<script type=\"module\">\nimport { hydrate } from \"https://cdn.redocly.com/redoc/v3.0.1/bundles/redoc.standalone.js\";\nhydrate();</script>";
        let bundle =
            "/** Version: 3.0.1 **/const{hydrate}=(()=>({hydrate(){}}))();export{hydrate};";
        let inlined = inline_bundle(page, bundle).unwrap();
        assert!(
            inlined.contains("const{hydrate}=") && !inlined.contains("cdn.redocly.com"),
            "{inlined}"
        );
        assert!(!inlined.contains("export{"));
        let other = inline_bundle(page, "/** Version: 2.0.0 **/export{x};").unwrap_err();
        assert!(other.contains("3.0.1"), "{other}");
    }
}
