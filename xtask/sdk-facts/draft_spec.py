#!/usr/bin/env python3
"""Drafts an OpenAPI document for a new Extend API version from the facts `read_ts_sdk.py` read.

The draft is where a new version's spec starts: every operation, parameter, object and property
with its optionality and nullability, summaries written from the operation's resource and verb,
and one example per request and answer made up from the schemas. It is then edited by hand
(descriptions, examples that tell a story, rules a schema can state) and is never drafted over:
for the next version, draft into a scratch file and compare.

    python3 xtask/sdk-facts/draft_spec.py FACTS_DIR VERSION OUT.yaml
"""

import json
import re
import sys

import yaml  # PyYAML, installed with the contract tools

# --- names ---------------------------------------------------------------------------------

# The SDK's escapes of names that clash with TypeScript's own.
RENAMES = {"File_": "File"}

TITLES = {
    "": "Synchronous",
    "batchProcessorRun": "Batch Processor Runs",
    "batchRuns": "Batch Runs",
    "processor": "Processors",
    "processorRun": "Processor Runs",
    "processorVersion": "Processor Versions",
}

# Singular nouns of the resources, for operation ids and summaries.
SINGULAR = {
    "batchProcessorRun": "batch processor run", "batchRuns": "batch run",
    "classifierVersions": "classifier version", "classifiers": "classifier",
    "classifyRuns": "classify run", "editRuns": "edit run", "editSchemas": "edit schema",
    "editTemplates": "edit template", "evaluationSetItems": "evaluation set item",
    "evaluationSetRuns": "evaluation set run", "evaluationSets": "evaluation set",
    "extractRuns": "extract run", "extractorVersions": "extractor version",
    "extractors": "extractor", "files": "file", "formDetectionRuns": "form detection run",
    "parseRuns": "parse run", "processor": "processor", "processorRun": "processor run",
    "processorVersion": "processor version", "splitRuns": "split run",
    "splitterVersions": "splitter version", "splitters": "splitter",
    "webhookEndpoints": "webhook endpoint", "webhookSubscriptions": "webhook subscription",
    "workflowRuns": "workflow run", "workflowVersions": "workflow version",
    "workflows": "workflow",
}

SYNC = {
    "parse": ("parse", "Parse a file and wait for the result"),
    "extract": ("extract", "Extract fields from a file and wait for the result"),
    "classify": ("classify", "Classify a file and wait for the result"),
    "split": ("split", "Split a file and wait for the result"),
    "edit": ("edit", "Fill in a form file and wait for the result"),
    "detectForm": ("detectForm", "Detect the form fields of a file and wait for the result"),
}


def camel(words):
    parts = words.replace("-", " ").split()
    return parts[0].lower() + "".join(p[:1].upper() + p[1:] for p in parts[1:])


def title(word):
    return re.sub(r"(?<!^)([A-Z])", r" \1", word[:1].upper() + word[1:])


def plural(noun):
    return noun[:-1] + "ies" if noun.endswith("y") else noun + "s"


def operation_id_and_summary(op):
    if not op["resource"]:
        return SYNC[op["name"]]
    noun = SINGULAR[op["resource"]]
    verb = op["name"]
    article = "an" if noun[0] in "aeiou" else "a"
    if verb == "list":
        return camel(f"list {plural(noun)}"), f"List {plural(noun)}"
    if verb == "create":
        return camel(f"create {noun}"), f"Create {article} {noun}"
    if verb == "createBatch":
        return camel(f"create {noun} batch"), f"Create {plural(noun)} in a batch"
    if verb in ("retrieve", "get"):
        return camel(f"get {noun}"), f"Get {article} {noun}"
    if verb == "update":
        return camel(f"update {noun}"), f"Update {article} {noun}"
    if verb == "delete":
        return camel(f"delete {noun}"), f"Delete {article} {noun}"
    if verb == "cancel":
        return camel(f"cancel {noun}"), f"Cancel {article} {noun}"
    if verb == "publish":
        return camel(f"publish {noun}"), f"Publish {article} {noun}"
    if verb == "upload":
        return "uploadFile", "Upload a file"
    if verb == "generate":
        return camel(f"generate {noun}"), f"Generate {article} {noun}"
    raise ValueError(f"no operation id for {op['resource']}.{verb}")


RUNS = {"batchProcessorRun", "batchRuns", "classifyRuns", "editRuns", "evaluationSetRuns",
        "extractRuns", "formDetectionRuns", "parseRuns", "processorRun", "splitRuns",
        "workflowRuns"}
VERSIONS = {"classifierVersions": "classifier", "extractorVersions": "extractor",
            "processorVersion": "processor", "splitterVersions": "splitter",
            "workflowVersions": "workflow"}

SYNC_DESCRIPTIONS = {
    "parse": "Parses a file into text, markdown and layout blocks",
    "extract": "Extracts structured data from a file, by an extractor or an inline config,",
    "classify": "Classifies a file into one of a classifier's types",
    "split": "Splits a file into the documents it holds",
    "edit": "Fills in the fields of a form file",
    "detectForm": "Finds the fillable fields of a form file",
}

TAG_DESCRIPTIONS = {
    "Synchronous": "Calls that process a file and answer with the result in the same request.",
    "Files": "Files uploaded to the workspace, which runs read by ID.",
    "Workflows": "Workflows: sequences of steps that turn a file into reviewed data.",
    "Workflow Runs": "Runs of a workflow over a file, and their step results.",
    "Workflow Versions": "Published versions of a workflow.",
    "Extractors": "Extractors: reusable configurations that pull structured data from files.",
    "Extractor Versions": "Published versions of an extractor.",
    "Extract Runs": "Runs of an extractor, or of an inline extraction config, over a file.",
    "Classifiers": "Classifiers: reusable configurations that sort files into types.",
    "Classifier Versions": "Published versions of a classifier.",
    "Classify Runs": "Runs of a classifier over a file.",
    "Splitters": "Splitters: reusable configurations that cut a file into its documents.",
    "Splitter Versions": "Published versions of a splitter.",
    "Split Runs": "Runs of a splitter over a file.",
    "Parse Runs": "Runs that parse a file into text, markdown and blocks.",
    "Edit Runs": "Runs that fill in the fields of a form file.",
    "Edit Schemas": "Schemas of a form's fillable fields, generated from the file.",
    "Edit Templates": "Templates that say how a form is filled in.",
    "Form Detection Runs": "Runs that find the fillable fields of a form file.",
    "Batch Runs": "Batches of runs created in one request.",
    "Batch Processor Runs": "Batches of processor runs (the older API's name for runs).",
    "Processors": "Processors: the older API's name for extractors, classifiers and splitters.",
    "Processor Versions": "Published versions of a processor.",
    "Processor Runs": "Runs of a processor (the older API's name for extract, classify and "
                      "split runs).",
    "Evaluation Sets": "Sets of files with their expected outputs, to measure a definition.",
    "Evaluation Set Items": "The files of an evaluation set, each with its expected output.",
    "Evaluation Set Runs": "Runs of a definition over every item of an evaluation set.",
    "Webhook Endpoints": "URLs Extend posts signed events to.",
    "Webhook Subscriptions": "Which events of which resources go to which endpoint.",
    "Webhooks": "The signed events Extend posts to webhook endpoints.",
}


def operation_description(op, noun):
    """What an operation does, in a few sentences, by its kind."""
    verb, resource = op["name"], op["resource"]
    article = "an" if noun[:1] in "aeiou" else "a"
    if not resource:
        what = SYNC_DESCRIPTIONS[verb]
        return (f"{what} and answers with the result in the same request. Meant for trying "
                "things out and for small files: a request that takes longer than five minutes "
                "fails. For production work, create a run and wait for it instead.")
    parent = VERSIONS.get(resource)
    if verb == "list":
        whose = f"the versions of a {parent}" if parent else f"the {plural(noun)} of the workspace"
        return (f"Lists {whose}, one page at a time. A page holds at most `maxPageSize` "
                "items; to read the next page, send the same filters with the page's "
                "`nextPageToken`. The last page has no `nextPageToken`.")
    if verb == "create" and resource in RUNS:
        return (f"Starts {article} {noun}. The answer comes at once, before the work is done, "
                "with the run `PENDING` or `PROCESSING`; get the run again, or subscribe to its "
                "webhook events, for the result.")
    if verb == "create" and parent:
        return (f"Publishes a new version of a {parent} from its current draft. Runs can name "
                "the version to get repeatable results.")
    if verb == "create":
        return f"Creates {article} {noun} in the workspace."
    if verb == "createBatch":
        return (f"Starts one {noun} per input, in one request. The answer names the batch; every "
                "run of it carries the batch's ID, by which runs can be listed.")
    if verb in ("retrieve", "get") and resource in RUNS:
        return (f"Gets {article} {noun} by its ID: its status and, once it is processed, its "
                "output.")
    if verb in ("retrieve", "get"):
        return f"Gets {article} {noun} by its ID."
    if verb == "update":
        return (f"Updates {article} {noun}. Properties the request leaves out keep their "
                "values.")
    if verb == "delete":
        extra = " and what it produced" if resource in RUNS else ""
        return f"Deletes {article} {noun}{extra}. This cannot be undone."
    if verb == "cancel":
        return (f"Stops {article} {noun} that is still pending or processing. The answer is "
                "the run as it is now; a run that has already finished cannot be cancelled.")
    if verb == "publish":
        return "Publishes the draft of a processor as a new version."
    if verb == "upload":
        return ("Uploads a file as `multipart/form-data`. Runs then read it by the ID in the "
                "answer, which saves sending the same file again. `convertToPdf` asks for a "
                "conversion of office documents to PDF.")
    if verb == "generate":
        return "Generates the schema of a form's fillable fields from the file."
    raise ValueError(f"no description for {resource}.{verb}")


def schema_name(ts_name):
    name = RENAMES.get(ts_name, ts_name)
    return name.replace(".", "")


# --- schemas -------------------------------------------------------------------------------

class Drafter:
    def __init__(self, facts):
        self.types = facts["types"]
        self.tags = {}  # base schema -> {property: value}, from discriminated unions
        self.find_tags()

    def find_tags(self):
        for name, decl in self.types.items():
            if decl["kind"] != "alias" or "union" not in decl["type"]:
                continue
            for member in decl["type"]["union"]:
                variant = self.types.get(member.get("ref", ""))
                if not variant or "." not in member["ref"] or len(variant["extends"]) != 1:
                    continue
                (tag,) = variant["properties"]
                base = variant["extends"][0]
                self.tags.setdefault(base, {})[tag["name"]] = tag["type"]["const"]

    def inlined(self, ref):
        """Whether a named type is a bare primitive (`NextPageToken = string`), which the
        spec writes where it is used rather than as a schema of its own."""
        decl = self.types.get(ref)
        return bool(decl and decl["kind"] == "alias" and
                    set(decl["type"]) & {"string", "number", "boolean"} and
                    not decl["type"].get("nullable"))

    def ty(self, t):
        """A type expression as a schema; `null` allowed the way OpenAPI 3.1 says it."""
        nullable = t.get("nullable", False)
        if "ref" in t:
            ref = t["ref"]
            if self.inlined(ref):
                return self.ty({**self.types[ref]["type"], "nullable": nullable})
            variant = self.types.get(ref)
            if "." in ref and variant and len(variant["extends"]) == 1:
                ref = variant["extends"][0]
            s = {"$ref": f"#/components/schemas/{schema_name(ref)}"}
            return {"anyOf": [s, {"type": "null"}]} if nullable else s
        if "union" in t:
            members = t["union"]
            consts = [m["const"] for m in members if "const" in m]
            if len(consts) == len(members) and all(isinstance(c, str) for c in consts):
                s = {"type": "string", "enum": consts}
            else:
                s = {"anyOf": [self.ty(m) for m in members]}
                tag = self.discriminator(members)
                if tag:
                    s = {"oneOf": s["anyOf"], "discriminator": tag}
        elif "const" in t:
            c = t["const"]
            s = {"type": "boolean" if isinstance(c, bool) else "string", "enum": [c]}
        elif "array" in t:
            s = {"type": "array", "items": self.ty(t["array"])}
        elif "map" in t:
            value = t["map"]
            s = {"type": "object", "additionalProperties":
                 True if value.get("unknown") else self.ty(value)}
        elif "object" in t:
            s = self.object(t["object"])
        elif t.get("string"):
            s = {"type": "string"}
        elif t.get("number"):
            s = {"type": "integer" if t.get("integer") else "number"}
        elif t.get("boolean"):
            s = {"type": "boolean"}
        elif t.get("file"):
            s = {"type": "string", "format": "binary"}
        else:  # unknown, any: null is among its values already
            return {}
        if nullable:
            if "anyOf" in s or "oneOf" in s:
                s = {"anyOf": [s, {"type": "null"}]} if "oneOf" in s else {
                    "anyOf": s["anyOf"] + [{"type": "null"}]}
            else:
                s["type"] = [s["type"], "null"]
                if "enum" in s:
                    s["enum"] = s["enum"] + [None]
        return s

    def discriminator(self, members):
        """The tag a union's members are told apart by, when every one is a tagged variant."""
        names = []
        for m in members:
            variant = self.types.get(m.get("ref", ""))
            if not variant or "." not in m["ref"] or len(variant["extends"]) != 1:
                return None
            (tag,) = variant["properties"]
            names.append((tag["name"], tag["type"]["const"], variant["extends"][0]))
        if len({n for n, _, _ in names}) != 1:
            return None
        return {
            "propertyName": names[0][0],
            "mapping": {v: f"#/components/schemas/{schema_name(b)}" for _, v, b in names},
        }

    def properties(self, name):
        """The own and inherited properties of an interface, bases first."""
        decl = self.types[name]
        props = []
        for base in decl.get("extends", []):
            props.extend(self.properties(base))
        seen = {p["name"] for p in decl["properties"]}
        props = [p for p in props if p["name"] not in seen] + decl["properties"]
        return props

    def object(self, props, tags=None, leave_out=()):
        s = {"type": "object"}
        out, required = {}, []
        for name, value in (tags or {}).items():
            out[name] = {"type": "string", "enum": [value]}
            required.append(name)
        for p in props:
            if p["name"] in leave_out or p["name"] in out:
                continue
            out[p["name"]] = self.ty(p["type"])
            if not p["optional"]:
                required.append(p["name"])
        if required:
            s["required"] = required
        s["properties"] = out
        return s

    def schema(self, name, leave_out=()):
        decl = self.types[name]
        if decl["kind"] == "object":
            return self.object(self.properties(name), self.tags.get(name), leave_out)
        if decl["kind"] == "enum":
            return {"type": "string", "enum": decl["values"]}
        return self.ty(decl["type"])

    def reachable(self, roots):
        """Every named type the roots lead to, namespace variants folded into their bases."""
        todo, seen, named = [(r, True) for r in roots], set(), set()
        while todo:
            name, referenced = todo.pop()
            if name not in self.types:
                continue
            if referenced:
                named.add(name)
            if name in seen:
                continue
            seen.add(name)
            refs = re.findall(r'"ref": "([\w.]+)"', json.dumps(self.types[name]))
            todo.extend((r, True) for r in refs)
            # A base is flattened into what extends it: a schema only if referenced itself,
            # or the base of a union's tagged variant.
            variant = "." in name and len(self.types[name]["extends"]) == 1
            todo.extend((b, variant) for b in self.types[name].get("extends", []))
        return {n for n in named
                if not ("." in n and len(self.types[n]["extends"]) == 1) and not self.inlined(n)}


# --- examples ------------------------------------------------------------------------------

class Examples:
    """Values made up from schemas: valid by construction, with ids and times that read as
    Extend's do."""

    PREFIX = {"workflow_run": "workflow_run", "extract_run": "exr", "classify_run": "clr",
              "split_run": "splr", "parse_run": "pr", "edit_run": "edr", "file": "file",
              "extractor": "ex", "classifier": "cl", "splitter": "spl", "workflow": "workflow",
              "batch_run": "batch", "evaluation_set": "ev", "webhook_endpoint": "wh",
              "webhook_subscription": "whs"}

    def __init__(self, schemas):
        self.schemas = schemas

    def value(self, s, key="", depth=0, object_kind=None):
        if "$ref" in s:
            return self.value(self.schemas[s["$ref"].rsplit("/", 1)[1]], key, depth)
        if "allOf" in s:
            return self.value(s["allOf"][0], key, depth)
        if "oneOf" in s or "anyOf" in s:
            return self.value((s.get("oneOf") or s["anyOf"])[0], key, depth)
        if "enum" in s:
            return s["enum"][0]
        kind = s.get("type")
        if isinstance(kind, list):
            if depth > 2:
                return None
            kind = kind[0]
        if kind == "object":
            props = s.get("properties", {})
            obj = (props.get("object") or {}).get("enum", [None])[0]
            out = {}
            for name, p in props.items():
                if name in s.get("required", []) or depth < 1:
                    if isinstance(p.get("type"), list) and depth > 2:
                        out[name] = None
                    else:
                        out[name] = self.value(p, name, depth + 1, obj)
            if not props and s.get("additionalProperties") not in (None, False):
                out = {"source": "example"} if s["additionalProperties"] is True else {}
            return out
        if kind == "array":
            return [] if depth > 3 else [self.value(s["items"], key, depth + 1)]
        if kind == "integer":
            return 10 if "size" in key.lower() else 1
        if kind == "number":
            return 0.5
        if kind == "boolean":
            return False
        if kind == "string":
            return self.text(key, object_kind)
        return {"note": "free-form"} if depth < 3 else None

    def text(self, key, object_kind):
        low = key.lower()
        if key == "id":
            return f"{self.PREFIX.get(object_kind, object_kind or 'id')}_Bq3vT8xW2nLk"
        if low.endswith("id"):
            kind = re.sub(r"(?<!^)([A-Z])", r"_\1", key[:-2]).lower()
            return f"{self.PREFIX.get(kind, kind or 'id')}_Bq3vT8xW2nLk"
        if low.endswith(("at", "time")) or low in ("createdat", "updatedat"):
            return "2026-03-02T14:05:09.120Z"
        if "url" in low:
            return "https://files.example.com/invoice-0042.pdf"
        if "email" in low or low.endswith("byuser"):
            return "reviewer@example.com"
        if low == "name":
            return "Invoice 0042"
        if "version" in low:
            return "1"
        return f"example {key}" if key else "example"


# --- the document --------------------------------------------------------------------------

ERRORS = {
    "400": ("BadRequest", "The request is not valid: a missing or malformed field."),
    "401": ("Unauthorized", "The API key is missing or not valid."),
    "402": ("PaymentRequired", "The workspace has no credits left for this request."),
    "403": ("Forbidden", "The API key may not do this, or not in this workspace."),
    "404": ("NotFound", "Nothing with this ID exists in the workspace."),
    "422": ("UnprocessableEntity", "The request is well formed but cannot be carried out."),
    "429": ("TooManyRequests", "Too many requests; retry after the time in `Retry-After`."),
    "500": ("InternalServerError", "The server failed; the request may be retried."),
}


def draft(facts, version):
    d = Drafter(facts)
    ops = facts["operations"]
    roots = {"ApiError", "WebhookEvent"}
    for op in ops:
        roots.update(r for r in (op["answer"], op["request"]) if r)
    names = d.reachable(roots)
    # A JSON body is its request type without the properties that are parameters.
    bodies = {op["request"]: set(op["query"]) | set(op["headers"])
              for op in ops if op["request"] and op["body"] == "json"}
    requests = {op["request"] for op in ops}
    schemas = {}
    for name in sorted(names):
        if name in bodies:
            schemas[schema_name(name)] = d.schema(name, bodies[name])
        elif name in requests:
            continue  # parameters only: no schema of their own
        else:
            schemas[schema_name(name)] = d.schema(name)
    examples = Examples(schemas)
    paths = {}
    for op in ops:
        op_id, summary = operation_id_and_summary(op)
        item = paths.setdefault(op["path"], {})
        props = {p["name"]: p for p in d.properties(op["request"])} if op["request"] else {}
        params = [{"name": p, "in": "path", "required": True, "schema": {"type": "string"},
                   "description": f"The ID of the {p[:-2] if p.endswith('Id') else 'object'}."}
                  for p in op["path_params"]]
        for q in op["query"]:
            p = props[q]
            params.append({"name": q, "in": "query", "required": not p["optional"],
                           "schema": d.ty(p["type"])})
        if "x-extend-workspace-id" in op["headers"]:
            params.append({"$ref": "#/components/parameters/WorkspaceId"})
        params.append({"$ref": "#/components/parameters/ApiVersion"})
        noun = SINGULAR.get(op["resource"], "")
        operation = {
            "operationId": op_id,
            "tags": [TITLES.get(op["resource"], title(op["resource"]))],
            "summary": summary,
            "description": operation_description(op, noun),
            "parameters": params,
        }
        if op["body"] == "json":
            body = schemas[schema_name(op["request"])]
            operation["requestBody"] = {
                # The SDKs send a JSON body on every such call, `{}` when nothing is set.
                "required": True,
                "content": {"application/json": {
                    "schema": {"$ref": f"#/components/schemas/{schema_name(op['request'])}"},
                    "examples": {"minimal": {"summary": "The fields the call needs",
                                             "value": examples.value(body, depth=1)}},
                }},
            }
        elif op["body"] == "file":
            operation["requestBody"] = {"required": True, "content": {"multipart/form-data": {
                "schema": {"type": "object", "required": ["file"], "properties": {
                    "file": {"type": "string", "format": "binary",
                             "description": "The file's bytes, with its name."},
                    "password": {"type": "string",
                                 "description": "The password of an encrypted PDF."}}},
            }}}
        answer = schemas[schema_name(op["answer"])]
        operation["responses"] = {"200": {
            "description": "The answer.",
            "content": {"application/json": {
                "schema": {"$ref": f"#/components/schemas/{schema_name(op['answer'])}"},
                "examples": {"typical": {"summary": "A typical answer",
                                         "value": examples.value(answer)}},
            }},
        }}
        for code in sorted(op["errors"]):
            operation["responses"][code] = {"$ref": f"#/components/responses/{ERRORS[code][0]}"}
        lists = [k for k, v in answer.get("properties", {}).items() if v.get("type") == "array"]
        if op["name"] == "list" and "nextPageToken" in op["query"] and len(lists) == 1:
            operation["x-pagination"] = {"cursor": "nextPageToken",
                                         "nextCursor": "nextPageToken", "items": lists[0]}
        item[op["method"].lower()] = operation
    responses = {}
    for code, (name, text) in ERRORS.items():
        responses[name] = {"description": text, "content": {"application/json": {
            "schema": {"$ref": "#/components/schemas/ApiError"}}}}
    responses["TooManyRequests"]["headers"] = {"Retry-After": {
        "description": "Seconds to wait before retrying.", "schema": {"type": "integer"}}}
    used = sorted({o["tags"][0] for p in paths.values() for o in p.values()})
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Extend API",
            "version": version,
            "description": f"The Extend document-processing API, version `{version}`.",
            "license": {"name": "MIT OR Apache-2.0", "identifier": "MIT OR Apache-2.0"},
            "contact": {"name": "Extend support", "url": "https://docs.extend.ai"},
        },
        "servers": [{"url": "https://api.extend.ai"}],
        "security": [{"bearerAuth": []}],
        "tags": [{"name": t, "description": TAG_DESCRIPTIONS[t]} for t in used + ["Webhooks"]],
        "x-speakeasy-globals": {"parameters": [
            {"$ref": "#/components/parameters/ApiVersion"},
            {"$ref": "#/components/parameters/WorkspaceId"}]},
        "paths": paths,
        "webhooks": {"event": {"post": {
            "operationId": "receiveWebhookEvent",
            "tags": ["Webhooks"],
            "summary": "A webhook event",
            "description": (
                "Extend posts an event to each subscribed endpoint when something happens to a "
                "run or a definition. Verify it before trusting it: "
                "`x-extend-request-signature` is the lowercase hex HMAC-SHA256, keyed with the "
                "endpoint's signing secret, of `v0:{x-extend-request-timestamp}:{raw body}`. "
                "Compare in constant time, and refuse a timestamp older than 300 seconds or "
                "more than 60 seconds ahead. Answer with a 2xx within 30 seconds. Event types "
                "are added over time: accept the ones you do not know."),
            "security": [],
            "parameters": [
                {"name": "x-extend-request-timestamp", "in": "header", "required": True,
                 "description": "When the delivery was signed, in Unix seconds.",
                 "schema": {"type": "string"}},
                {"name": "x-extend-request-signature", "in": "header", "required": True,
                 "description": "The delivery's signature, lowercase hex HMAC-SHA256.",
                 "schema": {"type": "string"}},
            ],
            "requestBody": {"required": True, "content": {"application/json": {
                "schema": {"$ref": "#/components/schemas/WebhookEvent"}}}},
            "responses": {"200": {"description": "Any 2xx accepts the event."}},
        }}},
        "components": {
            "parameters": {
                "ApiVersion": {"name": "x-extend-api-version", "in": "header",
                               "required": False,
                               "schema": {"type": "string", "enum": [version],
                                          "default": version}},
                "WorkspaceId": {"name": "x-extend-workspace-id", "in": "header",
                                "required": False, "schema": {"type": "string"}},
            },
            "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}},
            "responses": responses,
            "schemas": schemas,
        },
    }


def main():
    facts_dir, version, out = sys.argv[1:4]
    with open(f"{facts_dir}/facts.json") as f:
        facts = json.load(f)
    doc = draft(facts, version)
    with open(out, "w") as f:
        yaml.safe_dump(doc, f, sort_keys=False, width=100, allow_unicode=True)
    print(f"{len(doc['paths'])} paths, {len(doc['components']['schemas'])} schemas")


if __name__ == "__main__":
    main()
