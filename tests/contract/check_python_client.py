"""Imports the package openapi-python-client generated from a spec: a function for every
operation, and every response example of every operation parsed with its model.

    python check_python_client.py SPEC GENERATED_DIR
"""

import sys
from pathlib import Path

import yaml

def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.path.insert(0, sys.argv[2])
    from extend_api_client import AuthenticatedClient
    from extend_api_client.api.workflow_runs import update_workflow_run
    from extend_api_client.models import UpdateWorkflowRunRequest, UpdateWorkflowRunResponse

    client = AuthenticatedClient(base_url="http://127.0.0.1:9", token="unused")
    assert callable(update_workflow_run.sync_detailed) and client.token == "unused"
    request = UpdateWorkflowRunRequest.from_dict({"name": "test_workflow", "metadata": {"internal_id": "id_1234"}})
    assert request.to_dict()["name"] == "test_workflow"

    spec = yaml.safe_load(Path(sys.argv[1]).read_text())
    import importlib

    import extend_api_client.models as models

    parsed = 0
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            # Every operation has its module, named after its operationId.
            module = "".join("_" + c.lower() if c.isupper() else c for c in operation["operationId"])
            functions = importlib.import_module(f"extend_api_client.api.workflow_runs.{module}")
            if not callable(getattr(functions, "sync_detailed", None)):
                sys.exit(f"error: no generated function for {method} {path}")
            media = operation["responses"]["200"]["content"]["application/json"]
            model = getattr(models, media["schema"]["$ref"].rsplit("/", 1)[1])
            for name, example in media.get("examples", {}).items():
                try:
                    response = model.from_dict(example["value"])
                except Exception as error:
                    sys.exit(f"error: the example {name} of {method} {path} does not parse with the generated Python client: {error!r}")
                # Timestamps come back in Python's own spelling; the keys must all be there.
                if set(response.to_dict()) != set(example["value"]):
                    sys.exit(f"error: the example {name} of {method} {path} lost or gained fields")
                parsed += 1
    print(f"openapi-python-client: package imports; {parsed} response examples parse")


if __name__ == "__main__":
    main()
