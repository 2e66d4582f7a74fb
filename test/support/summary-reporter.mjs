// A node:test reporter that prints only the closing line CI reads: `tests: N passed, N failed, N skipped`.
export default async function* summaryReporter(source) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for await (const event of source) {
    // Count tests, not the files that wrap them (nesting 0 with no parent test is a file in node 20).
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    if (event.data.details?.type === 'suite') continue;
    if (event.type === 'test:fail') failed++;
    else if (event.data.skip || event.data.todo) skipped++;
    else passed++;
  }
  yield `tests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`;
}
