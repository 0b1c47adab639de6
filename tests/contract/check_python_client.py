"""Imports the package openapi-python-client generated from spec/openapi.yaml and parses the
spec's response examples with it.

    python check_python_client.py GENERATED_DIR
"""

import sys
from pathlib import Path

import yaml

SPEC = Path(__file__).resolve().parents[2] / "spec" / "openapi.yaml"


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.path.insert(0, sys.argv[1])
    from extend_api_client import AuthenticatedClient
    from extend_api_client.api.workflow_runs import update_workflow_run
    from extend_api_client.models import UpdateWorkflowRunRequest, UpdateWorkflowRunResponse

    client = AuthenticatedClient(base_url="http://127.0.0.1:9", token="unused")
    assert callable(update_workflow_run.sync_detailed) and client.token == "unused"
    request = UpdateWorkflowRunRequest.from_dict({"name": "test_workflow", "metadata": {"internal_id": "id_1234"}})
    assert request.to_dict()["name"] == "test_workflow"

    spec = yaml.safe_load(SPEC.read_text())
    examples = spec["paths"]["/workflow_runs/{id}"]["post"]["responses"]["200"]["content"]["application/json"]["examples"]
    for name, example in examples.items():
        try:
            response = UpdateWorkflowRunResponse.from_dict(example["value"])
        except Exception as error:
            sys.exit(f"error: the example {name} does not parse with the generated Python client: {error!r}")
        if response.workflow_run.id != example["value"]["workflowRun"]["id"]:
            sys.exit(f"error: the example {name} parsed into the wrong run id")
    print(f"openapi-python-client: package imports; {len(examples)} response examples parse")


if __name__ == "__main__":
    main()
