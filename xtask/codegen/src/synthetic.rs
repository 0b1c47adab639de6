//! Synthetic specs of any size, for benchmarking the generator: a realistic mix of objects,
//! enums, references, arrays, maps, `allOf` and tagged unions, and one operation per ten
//! schemas. An object refers to older ones only (`S{i}.parent` is `S{i/2}`, its `children` are
//! `S{i/3}`), so that types nest about log2(n) deep, as in real specs. A chain through every
//! schema (`S{i}` holding `S{i-1}`, even in a `Vec`) makes rustc overflow its recursion limit
//! on the crates of every generator measured (E0275, E0320).

use std::fmt::Write;

/// An OpenAPI 3.0 document (as JSON text) with `schemas` component schemas.
pub fn spec(schemas: usize) -> String {
    let schemas = schemas.max(4);
    let mut out = String::with_capacity(schemas * 700);
    out.push_str(r#"{"openapi":"3.0.3","info":{"title":"Synthetic API","version":"1"},"servers":[{"url":"https://api.example.com"}],"paths":{"#);
    let operations = (schemas / 10).max(1);
    for op in 0..operations {
        let target = op * 10 % schemas;
        if op > 0 {
            out.push(',');
        }
        let _ = write!(
            out,
            r##""/things{op}/{{id}}":{{"parameters":[{{"name":"id","in":"path","required":true,"schema":{{"type":"string"}}}}],"get":{{"operationId":"getThing{op}","parameters":[{{"name":"limit","in":"query","schema":{{"type":"integer"}}}}],"responses":{{"200":{{"description":"ok","content":{{"application/json":{{"schema":{{"$ref":"#/components/schemas/S{target}"}}}}}}}},"404":{{"description":"no","content":{{"application/json":{{"schema":{{"$ref":"#/components/schemas/S0"}}}}}}}}}}}},"post":{{"operationId":"updateThing{op}","requestBody":{{"required":true,"content":{{"application/json":{{"schema":{{"$ref":"#/components/schemas/S{target}"}}}}}}}},"responses":{{"200":{{"description":"ok","content":{{"application/json":{{"schema":{{"$ref":"#/components/schemas/S{target}"}}}}}}}}}}}}}}"##
        );
    }
    out.push_str(r#"},"components":{"schemas":{"#);
    for i in 0..schemas {
        if i > 0 {
            out.push(',');
        }
        let older = i / 2;
        let oldest = i / 3;
        let body = match i % 10 {
            // An enum every tenth schema.
            3 => r#"{"type":"string","description":"A status.","enum":["PENDING","PROCESSING","DONE","FAILED"]}"#.to_owned(),
            // allOf of an earlier plain object (a multiple of ten) and its own properties.
            5 if i > 5 => format!(
                r##"{{"description":"Extends S{base}.","allOf":[{{"$ref":"#/components/schemas/S{base}"}},{{"type":"object","properties":{{"extra{i}":{{"type":"string"}},"count":{{"type":"integer","format":"int32"}}}}}}]}}"##,
                base = older / 10 * 10,
            ),
            // A tagged union of two earlier objects.
            7 if i > 20 => format!(
                r##"{{"oneOf":[{{"$ref":"#/components/schemas/S{a}"}},{{"$ref":"#/components/schemas/S{b}"}}],"discriminator":{{"propertyName":"kind","mapping":{{"a":"#/components/schemas/S{a}","b":"#/components/schemas/S{b}"}}}}}}"##,
                a = (i - 20) / 10 * 10,
                b = (i - 20) / 10 * 10 + 1,
            ),
            _ => format!(
                r##"{{"type":"object","description":"Schema number {i}, with a description of ordinary length.","required":["id","createdAt"],"properties":{{"id":{{"type":"string","description":"Identifier."}},"name":{{"type":"string","nullable":true}},"createdAt":{{"type":"string","format":"date-time"}},"amount":{{"type":"number"}},"tags":{{"type":"array","items":{{"type":"string"}}}},"labels":{{"type":"object","additionalProperties":{{"type":"string"}}}},"parent":{{"$ref":"#/components/schemas/S{older}"}},"children":{{"type":"array","items":{{"$ref":"#/components/schemas/S{oldest}"}}}},"mode":{{"type":"string","enum":["on","off"]}},"kind":{{"type":"string"}}}}}}"##
            ),
        };
        let _ = write!(out, r#""S{i}":{body}"#);
    }
    out.push_str("}}}");
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn synthetic_specs_generate() {
        let text = super::spec(120);
        let converted = crate::compile(&text).expect("a valid spec");
        // The 120 schemas, and the inline `mode` enum of each of the 87 plain objects among them.
        assert_eq!(converted.api.types.len(), 120 + 87);
        assert_eq!(converted.api.operations.len(), 24);
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let dir = root.join("target").join("synthetic-test");
        std::fs::create_dir_all(&dir).unwrap();
        let spec = dir.join("spec.yaml");
        std::fs::write(&spec, text).unwrap();
        let built = crate::layout::standalone(&spec, &dir.join("crate"), Some("s"))
            .expect("a standalone crate");
        assert!(built.warnings.is_empty(), "{:?}", built.warnings);
    }
}
