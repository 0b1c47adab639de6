"""Checks every example in a spec against its schema.

    python check_examples.py SPEC jsonschema            # two strict validators (below)
    python check_examples.py SPEC pydantic MODELS.py    # models made by datamodel-code-generator
    python check_examples.py SPEC typescript OUT.ts     # writes each example as a typed
                                                        # TypeScript constant, for `tsc --strict`

An example is found wherever a media type with a `$ref` schema has `example` or `examples`, and
in every component schema's `example`. Each failure names the example's JSON pointer.

`jsonschema` validates each example twice, strictly, with OpenAPI 3.0.3's own reading of
`nullable` (it adds `null` to the `type` beside it and to nothing else, so a `nullable` schema
with `anyOf` still rejects `null` unless an alternative accepts it):

- openapi-schema-validator's OAS 3.0 validator, which reads the spec as it is;
- the jsonschema library's Draft 4 validator, on the schemas translated to plain JSON Schema.

An OpenAPI 3.1 spec's schemas are JSON Schema 2020-12 already: each example is validated by
openapi-schema-validator's OAS 3.1 validator and by the jsonschema library's 2020-12 validator.

All check formats (`date-time` by RFC 3339).
"""

import importlib.util
import json
import sys
from pathlib import Path

import yaml

REF_PREFIX = "#/components/schemas/"


def pointer_token(key):
    return str(key).replace("~", "~0").replace("/", "~1")


def examples(spec):
    """Yields (pointer, schema name, example value) for every example in the spec."""
    def walk(node, pointer):
        if isinstance(node, dict):
            ref = node.get("schema", {}).get("$ref", "") if isinstance(node.get("schema"), dict) else ""
            if ref.startswith(REF_PREFIX):
                name = ref[len(REF_PREFIX):]
                if "example" in node:
                    yield f"{pointer}/example", name, node["example"]
                for key, example in (node.get("examples") or {}).items():
                    yield f"{pointer}/examples/{pointer_token(key)}", name, example["value"]
            for key, child in node.items():
                yield from walk(child, f"{pointer}/{pointer_token(key)}")
        elif isinstance(node, list):
            for index, child in enumerate(node):
                yield from walk(child, f"{pointer}/{index}")

    yield from walk(spec, "")
    for name, schema in spec["components"]["schemas"].items():
        if "example" in schema:
            yield f"/components/schemas/{pointer_token(name)}/example", name, schema["example"]


def to_json_schema(node):
    """An OpenAPI 3.0 schema as a draft-4 JSON Schema, read as OpenAPI 3.0.3 defines it:
    `nullable: true` adds `null` to the `type` beside it (and to its `enum`), nothing more;
    references point at `definitions`; OpenAPI-only keywords go."""
    if isinstance(node, list):
        return [to_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key in ("nullable", "example", "discriminator", "xml", "externalDocs", "deprecated",
                   "readOnly", "writeOnly"):
            continue
        if key == "$ref" and isinstance(value, str) and value.startswith(REF_PREFIX):
            out[key] = "#/definitions/" + value[len(REF_PREFIX):]
        elif key == "properties":
            out[key] = {name: to_json_schema(prop) for name, prop in value.items()}
        else:
            out[key] = to_json_schema(value)
    if node.get("nullable") is True and "type" in out:
        out["type"] = [out["type"], "null"]
        if "enum" in out and None not in out["enum"]:
            out["enum"] = out["enum"] + [None]
    return out


def located(pointer, name, errors):
    return [
        f"{pointer}: the value at /{'/'.join(pointer_token(p) for p in e.absolute_path)} "
        f"does not match {name}: {e.message}"
        for e in errors
    ]


def check_jsonschema(spec):
    if str(spec.get("openapi", "")).startswith("3.1"):
        return check_jsonschema_31(spec)
    import jsonschema
    from openapi_schema_validator import OAS30Validator, oas30_format_checker
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT4

    registry = Registry().with_resource("urn:spec", Resource.from_contents(spec, default_specification=DRAFT4))
    definitions = {name: to_json_schema(s) for name, s in spec["components"]["schemas"].items()}
    failures, count = [], 0
    for pointer, name, value in examples(spec):
        count += 1
        oas = OAS30Validator(
            {"$ref": f"urn:spec{REF_PREFIX}{name}"}, registry=registry, format_checker=oas30_format_checker
        )
        failures += located(pointer, f"{name} (OAS 3.0 validator)", oas.iter_errors(value))
        plain = jsonschema.Draft4Validator(
            {"$ref": f"#/definitions/{name}", "definitions": definitions},
            format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER,
        )
        failures += located(pointer, f"{name} (JSON Schema draft 4)", plain.iter_errors(value))
    return count, failures


def check_jsonschema_31(spec):
    import jsonschema
    from openapi_schema_validator import OAS31Validator, oas31_format_checker
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    resource = Resource.from_contents(spec, default_specification=DRAFT202012)
    registry = Registry().with_resource("urn:spec", resource)
    failures, count = [], 0
    for pointer, name, value in examples(spec):
        count += 1
        root = {"$ref": f"urn:spec{REF_PREFIX}{name}"}
        oas = OAS31Validator(root, registry=registry, format_checker=oas31_format_checker)
        failures += located(pointer, f"{name} (OAS 3.1 validator)", oas.iter_errors(value))
        plain = jsonschema.Draft202012Validator(
            root, registry=registry, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
        )
        failures += located(pointer, f"{name} (JSON Schema 2020-12)", plain.iter_errors(value))
    return count, failures


def check_pydantic(spec, models_path):
    from pydantic import TypeAdapter

    module_spec = importlib.util.spec_from_file_location("extend_models_py", models_path)
    models = importlib.util.module_from_spec(module_spec)
    sys.modules[module_spec.name] = models  # pydantic resolves generic models through it
    module_spec.loader.exec_module(models)
    failures, count = [], 0
    for pointer, name, value in examples(spec):
        count += 1
        model = getattr(models, name, None)
        if model is None:
            failures.append(f"{pointer}: no generated model named {name}")
            continue
        try:
            # Enums and root models are read through a type adapter, models directly.
            TypeAdapter(model).validate_python(value)
        except Exception as error:  # pydantic.ValidationError, reported with its locations
            failures.append(f"{pointer}: does not parse as {name}: {error}")
    return count, failures


def write_typescript(spec, out_path):
    """Writes every example as a constant of its schema's type, so that `tsc --strict` checks
    that the TypeScript types accept it (object literals also reject unknown properties)."""
    lines = [
        "// Every example of the spec as a constant of the type openapi-typescript made",
        "// for its schema. Written by check_examples.py; `tsc --strict` must accept it.",
        'import type { components } from "./extend";',
        "",
        'type Schemas = components["schemas"];',
        "",
    ]
    count = 0
    for pointer, name, value in examples(spec):
        lines.append(f"// {pointer}")
        lines.append(f"export const example{count}: Schemas[{json.dumps(name)}] = {json.dumps(value, indent=2)};")
        lines.append("")
        count += 1
    Path(out_path).write_text("\n".join(lines))
    return count, []


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    spec = yaml.safe_load(Path(sys.argv[1]).read_text())
    mode, rest = sys.argv[2], sys.argv[3:]
    if mode == "jsonschema" and not rest:
        count, failures = check_jsonschema(spec)
    elif mode == "pydantic" and len(rest) == 1:
        count, failures = check_pydantic(spec, rest[0])
    elif mode == "typescript" and len(rest) == 1:
        count, failures = write_typescript(spec, rest[0])
    else:
        sys.exit(__doc__)
    for failure in failures:
        print(f"error: {failure}", file=sys.stderr)
    if count == 0:
        sys.exit("error: no examples found in the spec")
    if mode == "typescript":
        print(f"typescript: {count} examples written to {rest[0]}")
    else:
        print(f"{mode}: {count - len({f.split(':')[0] for f in failures})} of {count} examples valid")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
