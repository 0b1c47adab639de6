// A small TypeScript consumer of the types openapi-typescript generates from spec/openapi.yaml:
// it builds a request body and reads fields of the response. `tsc --strict` must accept it, so
// a spec change that breaks TypeScript users fails the contract step.
import type { components, operations, paths } from "../generated/2025-04-21/extend";

type Schemas = components["schemas"];
type UpdateRequest = Schemas["UpdateWorkflowRunRequest"];
type UpdateResponse =
  operations["updateWorkflowRun"]["responses"][200]["content"]["application/json"];

// The operation is at the documented path, with an `id` path parameter.
type Params = paths["/workflow_runs/{id}"]["post"]["parameters"]["path"];
const params: Params = { id: "workflow_run_1234" };

// The version header names the one API version the spec describes.
type Headers = NonNullable<operations["updateWorkflowRun"]["parameters"]["header"]>;
export const headers: Headers = { "x-extend-api-version": "2025-04-21" };

export const request: UpdateRequest = {
  name: "test_workflow",
  metadata: { internal_id: "id_1234", "extend:usage_tags": ["team-finance"] },
};

export function describe(response: UpdateResponse): string {
  const run: Schemas["WorkflowRun"] = response.workflowRun;
  const status: Schemas["WorkflowRunStatus"] = run.status;
  const files: string[] = run.files.map((file) => file.name);
  // The live API sends `null` for what has not happened yet.
  const reviewedAt: string | null | undefined = run.reviewedAt;
  const pageCounts: (number | null | undefined)[] = run.files.map((file) => file.metadata?.pageCount);
  const outputs = run.outputs.map((output) => {
    switch (output.type) {
      case "EXTRACT":
        return output.output ? "extracted" : "pending";
      case "CLASSIFY":
        return output.output?.type ?? "unclassified";
      case "SPLITTER":
        return `${output.output?.splits?.length ?? 0} splits`;
    }
  });
  const version: string = run.workflow.version;
  return [params.id, run.id, status, files.join(","), reviewedAt ?? "", pageCounts.join(","), outputs.join(","), version].join(" ");
}

export function errorMessage(error: Schemas["ApiError"]): string {
  return `${error.error ?? "unknown error"} (${error.requestId ?? "no request id"})`;
}

// Listing every run: each page's `nextPageToken` is sent back with the same filters until it is
// missing or `null`.
type ListQuery = NonNullable<operations["listWorkflowRuns"]["parameters"]["query"]>;
type ListPage = operations["listWorkflowRuns"]["responses"][200]["content"]["application/json"];

export async function listAll(
  fetchPage: (query: ListQuery) => Promise<ListPage>,
  status: Schemas["WorkflowRunStatus"],
): Promise<Schemas["WorkflowRunSummary"][]> {
  const runs: Schemas["WorkflowRunSummary"][] = [];
  let query: ListQuery = { status, sortBy: "createdAt", sortDir: "desc", maxPageSize: 100 };
  for (;;) {
    const page = await fetchPage(query);
    runs.push(...page.workflowRuns);
    if (page.nextPageToken == null) {
      return runs;
    }
    query = { ...query, nextPageToken: page.nextPageToken };
  }
}

// Running a workflow over a file by URL; every run comes back `PENDING`.
type CreateRequest = operations["createWorkflowRun"]["requestBody"]["content"]["application/json"];
export const create: CreateRequest = {
  workflowId: "workflow_9001",
  files: [{ fileUrl: "https://files.example.com/invoice.pdf" }],
  priority: 10,
};
export const batch: Schemas["BatchWorkflowRunRequest"] = {
  workflowId: "workflow_9001",
  inputs: [{ rawText: "Invoice 7" }],
};

// A webhook event narrows to its payload by `eventType`.
export function onEvent(event: Schemas["WebhookEvent"]): string {
  switch (event.eventType) {
    case "processor_run.processed":
    case "processor_run.failed":
      return `${event.eventId}: processor run ${event.payload.id}`;
    case "workflow.created":
    case "workflow.deployed":
    case "workflow.deleted":
      return `${event.eventId}: workflow ${event.payload.name}`;
    case "processor.created":
    case "processor.updated":
    case "processor.deleted":
    case "processor.draft.updated":
    case "processor.version.published":
      return `${event.eventId}: ${event.payload.type} processor ${event.payload.name}`;
    default:
      return `${event.eventId}: workflow run ${event.payload.id} is ${event.payload.status}`;
  }
}
