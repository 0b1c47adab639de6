// A small TypeScript consumer of the types openapi-typescript generates from
// spec/2026-02-09/openapi.yaml. `tsc --strict` must accept it, so a spec change that breaks
// TypeScript users of the current version fails the contract step.
import type { components, operations, paths } from "../generated/2026-02-09/extend";

type Schemas = components["schemas"];

// Update Workflow Run answers the run itself in this version, not an envelope.
type Params = paths["/workflow_runs/{id}"]["post"]["parameters"]["path"];
const params: Params = { id: "workflow_run_Bq3vT8xW2nLk" };
type UpdateRequest = NonNullable<operations["updateWorkflowRun"]["requestBody"]>["content"]["application/json"];
type UpdateResponse = operations["updateWorkflowRun"]["responses"][200]["content"]["application/json"];

type Headers = NonNullable<operations["updateWorkflowRun"]["parameters"]["header"]>;
export const headers: Headers = { "x-extend-api-version": "2026-02-09" };

export const request: UpdateRequest = {
  name: "Invoice 0042",
  metadata: { customer: "cust_7", "extend:usage_tags": ["team-finance"] },
};

export function describe(run: UpdateResponse): string {
  const same: Schemas["WorkflowRun"] = run;
  const status: Schemas["WorkflowRunStatus"] = same.status;
  // Every property is sent; what has not happened yet is `null`.
  const reviewedBy: string | null = same.reviewedByUser;
  const credits: number | undefined = same.usage?.credits;
  const steps = same.stepRuns.map((step) => step.stepType).join(",");
  const files = same.files.map((file) => file.name).join(",");
  return [params.id, status, reviewedBy ?? "", credits ?? "", steps, files, same.dashboardUrl].join(" ");
}

export function errorMessage(error: Schemas["ApiError"]): string {
  return `${error.code}: ${error.message}${error.retryable ? " (retryable)" : ""}`;
}

// Listing: each page's `nextPageToken` goes back with the same filters until a page has none.
type ListQuery = NonNullable<operations["listWorkflowRuns"]["parameters"]["query"]>;
type ListPage = operations["listWorkflowRuns"]["responses"][200]["content"]["application/json"];

export async function listAll(fetchPage: (query: ListQuery) => Promise<ListPage>): Promise<string[]> {
  const ids: string[] = [];
  let query: ListQuery = { status: "PROCESSED", maxPageSize: 100 };
  for (;;) {
    const page = await fetchPage(query);
    ids.push(...page.data.map((run) => run.id));
    if (page.nextPageToken === undefined) {
      return ids;
    }
    query = { ...query, nextPageToken: page.nextPageToken };
  }
}

// Running a workflow over a file given by URL, and an extraction over an uploaded file's ID.
export const create: Schemas["WorkflowRunsCreateRequest"] = {
  workflow: { id: "workflow_Bq3vT8xW2nLk" },
  file: { url: "https://files.example.com/invoice-0042.pdf" },
};
export const extract: Schemas["ExtractRunsCreateRequest"] = {
  extractor: { id: "ex_Bq3vT8xW2nLk" },
  file: { id: "file_Bq3vT8xW2nLk" },
};
