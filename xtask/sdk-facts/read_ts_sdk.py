#!/usr/bin/env python3
"""Reads the facts of an Extend API version out of Extend's official TypeScript SDK.

The SDK (github.com/extend-hq/extend-typescript-sdk) is generated from Extend's own API
definition, so its clients and types are the most faithful public statement of what a version
serves. This script keeps only facts: each operation's method, path, parameters, body and answer
types, and each type's properties with whether they are optional (`?`) or nullable (`| null`).
It keeps no prose and no examples.

    python3 xtask/sdk-facts/read_ts_sdk.py SDK PYTHON_SDK OUT_DIR

SDK is a clone of the TypeScript SDK, PYTHON_SDK one of the Python SDK (each a work tree or a
bare git directory); TypeScript says only `number`, so the Python SDK's `int` tells which
numbers are integers. OUT_DIR receives
`operations.txt` (one `METHOD /path` per line), `event-types.txt` and `facts.json`.
"""

import json
import os
import re
import subprocess
import sys


class Source:
    """The SDK's files, from a work tree or a bare git directory."""

    def __init__(self, root):
        self.root = root
        self.bare = not os.path.isdir(os.path.join(root, "src"))

    def files(self, under):
        if self.bare:
            out = subprocess.run(
                ["git", "--git-dir", self.root, "ls-tree", "-r", "--name-only", "HEAD", under],
                check=True, capture_output=True, text=True).stdout
            return sorted(out.split())
        found = []
        for dirpath, _, names in os.walk(os.path.join(self.root, under)):
            for name in names:
                found.append(os.path.relpath(os.path.join(dirpath, name), self.root))
        return sorted(found)

    def read(self, path):
        if self.bare:
            return subprocess.run(["git", "--git-dir", self.root, "show", f"HEAD:{path}"],
                                  check=True, capture_output=True, text=True).stdout
        with open(os.path.join(self.root, path), encoding="utf-8") as f:
            return f.read()


def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    return re.sub(r"^\s*//.*$", "", text, flags=re.M)


# --- type expressions ----------------------------------------------------------------------

TOKEN = re.compile(r'\s*("(?:[^"\\]|\\.)*"|[A-Za-z_$][\w$.]*|\d+|\[\]|[{}()<>|;:,?\[\]=&])')


def tokenize(text):
    pos, out = 0, []
    while pos < len(text):
        m = TOKEN.match(text, pos)
        if not m:
            if text[pos:].strip() == "":
                break
            raise ValueError(f"cannot read {text[pos:pos + 40]!r}")
        out.append(m.group(1))
        pos = m.end()
    return out


class TypeParser:
    """A recursive-descent reader of the TypeScript type expressions Fern writes."""

    def __init__(self, tokens):
        self.t, self.i = tokens, 0

    def peek(self):
        return self.t[self.i] if self.i < len(self.t) else None

    def take(self, want=None):
        tok = self.peek()
        if want is not None and tok != want:
            raise ValueError(f"expected {want!r}, found {tok!r} in {' '.join(self.t)}")
        self.i += 1
        return tok

    def union(self):
        if self.peek() == "|":
            self.take()
        members = [self.postfix()]
        while self.peek() == "|":
            self.take()
            members.append(self.postfix())
        nullable = any(m == {"null": True} for m in members)
        members = [m for m in members if m != {"null": True}]
        ty = members[0] if len(members) == 1 else {"union": members}
        if nullable:
            ty = dict(ty, nullable=True) if "union" not in ty and "nullable" not in ty else {
                **ty, "nullable": True}
        return ty

    def postfix(self):
        ty = self.primary()
        while self.peek() == "[]":
            self.take()
            ty = {"array": ty}
        return ty

    def primary(self):
        tok = self.take()
        if tok == "(":
            ty = self.union()
            self.take(")")
            return ty
        if tok == "{":
            return {"object": self.members("}")}
        if tok.startswith('"'):
            return {"const": json.loads(tok)}
        if tok in ("true", "false"):
            return {"const": tok == "true"}
        if tok.isdigit():
            return {"const": int(tok)}
        if tok == "Record":
            self.take("<")
            self.take("string")
            self.take(",")
            value = self.union()
            self.take(">")
            return {"map": value}
        if tok in ("string", "number", "boolean", "unknown", "null", "any"):
            return {tok: True}
        if tok.startswith("Extend."):
            return {"ref": tok[len("Extend."):]}
        if tok in ("File", "Blob", "fs.ReadStream", "core.file.Uploadable"):
            return {"file": True}
        raise ValueError(f"unknown type {tok!r} in {' '.join(self.t)}")

    def members(self, end):
        props = []
        while self.peek() != end:
            name = self.take()
            if name.startswith('"'):
                name = json.loads(name)
            optional = self.peek() == "?"
            if optional:
                self.take()
            self.take(":")
            ty = self.union()
            if self.peek() in (";", ","):
                self.take()
            props.append({"name": name, "type": ty, "optional": optional})
        self.take(end)
        return props


def parse_type(text):
    p = TypeParser(tokenize(text))
    ty = p.union()
    if p.peek() not in (None, ";"):
        raise ValueError(f"trailing {p.t[p.i:]} in {text!r}")
    return ty


# --- declarations --------------------------------------------------------------------------

def balanced(text, start, open_c="{", close_c="}"):
    """The index just past the bracket that closes the one at `start`."""
    depth = 0
    for i in range(start, len(text)):
        if text[i] == open_c:
            depth += 1
        elif text[i] == close_c:
            depth -= 1
            if depth == 0:
                return i + 1
    raise ValueError("unbalanced")


def declarations(text, prefix=""):
    """Every interface, type alias, const enum and namespace of a type file."""
    text = strip_comments(text)
    out = {}
    pos = 0
    decl = re.compile(r"export (interface|type|const|namespace) (\w+)")
    while True:
        m = decl.search(text, pos)
        if not m:
            return out
        kind, name = m.groups()
        full = prefix + name
        if kind == "interface":
            head_end = text.index("{", m.end())
            extends = re.findall(r"Extend\.([\w.]+)", text[m.end():head_end])
            end = balanced(text, head_end)
            body = text[head_end + 1:end - 1]
            props = TypeParser(tokenize(body) + ["}"]).members("}")
            out[full] = {"kind": "object", "extends": extends, "properties": props}
            pos = end
        elif kind == "namespace":
            start = text.index("{", m.end())
            end = balanced(text, start)
            out.update(declarations(text[start + 1:end - 1], full + "."))
            pos = end
        elif kind == "const":
            start = text.index("{", m.end())
            end = balanced(text, start)
            values = re.findall(r'\w+:\s*("(?:[^"\\]|\\.)*")', text[start:end])
            out[full] = {"kind": "enum", "values": [json.loads(v) for v in values]}
            pos = end
        else:
            eq = text.index("=", m.end())
            end = statement_end(text, eq + 1)
            expr = text[eq + 1:end]
            pos = end + 1
            if "keyof typeof" in expr:
                out.setdefault(full, {"kind": "enum", "values": []})["open"] = "| string" in expr
                continue
            out[full] = {"kind": "alias", "type": parse_type(expr)}


def statement_end(text, start):
    """The `;` that ends a type alias, outside any braces."""
    depth = 0
    for i in range(start, len(text)):
        c = text[i]
        if c in "{(<":
            depth += 1
        elif c in "})>":
            depth -= 1
        elif c == ";" and depth == 0:
            return i
    return len(text)


# --- operations ----------------------------------------------------------------------------

METHOD_HEAD = re.compile(r"\n    public (\w+)\((.*?)\): core\.HttpResponsePromise<(.*?)> \{", re.S)


def operations(source, client_file, resource):
    text = source.read(client_file)
    heads = list(METHOD_HEAD.finditer(text))
    out = []
    for n, head in enumerate(heads):
        name, args, answer = head.groups()
        end = heads[n + 1].start() if n + 1 < len(heads) else len(text)
        body = text[head.end():end]
        m = re.search(r'handleNonStatusCodeError\([^;]*?"(GET|POST|PUT|PATCH|DELETE)",\s*"([^"]*)"',
                      body, re.S)
        method, path = m.groups()
        params = [a.strip() for a in args.split(",") if a.strip()]
        request = None
        for a in params:
            am = re.match(r"request\??: Extend\.(\w+)", a)
            if am:
                request = am.group(1)
        query = []
        qm = re.search(r"_queryParams: Record<string, unknown> = \{(.*?)\n        \};", body, re.S)
        if qm:
            query = re.findall(r"^\s*(\w+)[,:]", qm.group(1), re.M)
        headers = sorted(set(re.findall(r'"(x-extend-[\w-]+)": ', body)) - {"x-extend-api-version"})
        request_type = re.search(r'requestType: "(\w+)"', body)
        body_kind = None
        if request_type:
            body_kind = request_type.group(1)
        body_from = re.search(r"\n            body: (\w+)", body)
        errors = {}
        for code, err in re.findall(r"case (\d+):\s*throw new Extend\.\w+\(\s*_response\.error\.body as ([\w.]+)",
                                    body):
            errors[code] = err.replace("Extend.", "")
        out.append({
            "resource": resource,
            "name": name,
            "method": method,
            "path": path,
            "path_params": re.findall(r"\{(\w+)\}", path),
            "request": request,
            "query": query,
            "headers": headers,
            "body": body_kind,
            "body_is_whole_request": bool(body_from and body_from.group(1) == "request"),
            "answer": answer.replace("Extend.", ""),
            "errors": errors,
        })
    return out


PY_CLASS = re.compile(r"^class (\w+)\(", re.M)
PY_FIELD = re.compile(r"^    (\w+): (.*?)(?: = |$)", re.M)


def python_integers(source):
    """`(class, wire name)` of every field the Python SDK types as `int`, and the wire names of
    the `int` parameters of its client methods."""
    fields, params = set(), set()
    for path in source.files("src"):
        if not path.endswith(".py"):
            continue
        text = source.read(path)
        classes = [(m.start(), m.group(1)) for m in PY_CLASS.finditer(text)]
        for m in PY_FIELD.finditer(text):
            annotation = m.group(2)
            if not re.search(r"\bint\b", annotation) or "float" in annotation:
                continue
            alias = re.search(r'alias="([^"]+)"', annotation)
            wire = alias.group(1) if alias else snake_to_camel(m.group(1))
            owner = [name for start, name in classes if start < m.start()]
            if owner:
                fields.add((owner[-1], wire))
        for alias in re.findall(r"^(\w+) = int$", text, re.M):
            fields.add((alias, alias))
        if path.endswith("/client.py"):
            for name in re.findall(r"^\s+(\w+): typing\.Optional\[int\]", text, re.M):
                params.add(snake_to_camel(name))
    return fields, params


def snake_to_camel(name):
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def mark_integers(types, fields, params):
    """Sets `integer` on the `number`s the Python SDK types as `int`."""
    def mark(ty, owner, wire):
        if ty.get("number") and ((owner, wire) in fields or wire in params):
            ty["integer"] = True
        for key in ("array", "map"):
            if key in ty:
                mark(ty[key], owner, wire)
        for member in ty.get("union", []):
            mark(member, owner, wire)
    for name, decl in types.items():
        for prop in decl.get("properties", []):
            mark(prop["type"], name.split(".")[-1], prop["name"])
        if decl["kind"] == "alias":
            mark(decl["type"], name, name)


def main():
    sdk, python_sdk, out_dir = sys.argv[1], sys.argv[2], sys.argv[3]
    source = Source(sdk)
    types = {}
    for path in source.files("src/api"):
        if path.endswith(".ts") and not path.endswith(("index.ts", "Client.ts")) and (
                "/types/" in path or "/requests/" in path):
            types.update(declarations(source.read(path)))
    ops = operations(source, "src/Client.ts", "")
    resources = sorted({os.path.dirname(os.path.dirname(p)) for p in source.files("src/api/resources")
                        if p.endswith("/client/Client.ts")})
    for resource in resources:
        ops.extend(operations(source, f"{resource}/client/Client.ts", os.path.basename(resource)))
    ops.sort(key=lambda o: (o["path"], o["method"]))
    mark_integers(types, *python_integers(Source(python_sdk)))
    events = []
    for name in sorted(types):
        if name.startswith("WebhookEvent."):
            tag = next(p for p in types[name]["properties"] if p["name"] == "eventType")
            events.append(tag["type"]["const"])
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "operations.txt"), "w") as f:
        f.writelines(f"{o['method']} {o['path']}\n" for o in ops)
    with open(os.path.join(out_dir, "event-types.txt"), "w") as f:
        f.writelines(f"{e}\n" for e in sorted(events))
    with open(os.path.join(out_dir, "facts.json"), "w") as f:
        json.dump({"operations": ops, "types": types}, f, indent=1, sort_keys=True)
        f.write("\n")
    print(f"{len(ops)} operations, {len(events)} event types, {len(types)} types")


if __name__ == "__main__":
    main()
