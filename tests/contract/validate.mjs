// Validates the spec with @apidevtools/swagger-parser: schema validation of the whole
// document and resolution of every $ref. Exits non-zero with the parser's message otherwise.
import SwaggerParser from "@apidevtools/swagger-parser";

const path = process.argv[2];
try {
  const api = await SwaggerParser.validate(path);
  console.log(`swagger-parser: ${path} is valid (${api.info.title} ${api.info.version})`);
} catch (error) {
  console.error(`swagger-parser: ${path} is not valid: ${error.message}`);
  process.exit(1);
}
