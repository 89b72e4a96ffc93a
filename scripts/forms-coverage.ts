/**
 * npm run forms:coverage: how much of every full form the form-free store fills, per kind of sample
 * person, and what the demo's returning applicant still types on each form (see
 * sync/sample-hall/form-coverage-report.ts for the counting and sync/forms/form-coverage.ts for the costs).
 */
import { formCoverageReport } from '../sync/sample-hall/form-coverage-report';

const report = formCoverageReport();
const percent = (part: number, whole: number) =>
  whole === 0 ? '   -  ' : `${((100 * part) / whole).toFixed(1).padStart(5)}%`;

process.stdout.write(
  'form                kind                               people  person facts filled/held      refused  app. facts left  keys  taps\n',
);
let held = 0;
let filled = 0;
let misses = 0;
for (const row of report.rows) {
  held += row.heldFields;
  filled += row.filledFields;
  misses += row.misses.length;
  process.stdout.write(
    `${row.formId.padEnd(20)}${row.kind.padEnd(35)}${String(row.people).padStart(6)}  ${`${row.filledFields}/${row.heldFields}`.padStart(13)} ${percent(row.filledFields, row.heldFields)}   ${String(row.refusedByForm).padStart(7)}  ${row.applicationFactsLeft.toFixed(1).padStart(15)}  ${row.keystrokes.toFixed(0).padStart(4)}  ${row.taps.toFixed(1).padStart(4)}\n`,
  );
}
process.stdout.write(
  `\nall forms, all people: person-fact fields filled ${filled} of ${held} held (${percent(filled, held).trim()}); (form, person) pairs with a held fact left empty: ${misses}\n`,
);

if (report.demo) {
  process.stdout.write('\nThe demo returning applicant (sample-returning), form by form:\n');
  process.stdout.write(
    'form                person facts typed  keys  taps  application facts that cost them\n',
  );
  for (const form of report.demo.forms) {
    const causes = form.applicationFacts
      .map((fact) => `${fact.fieldId} (${fact.type}${fact.keystrokes ? `, ${fact.keystrokes} keys` : ''})`)
      .join(', ');
    process.stdout.write(
      `${form.formId.padEnd(20)}${(form.unheldRequired.join(',') || 'none').padEnd(20)}${form.refusedRequired.length ? ` (asked again: ${form.refusedRequired.join(',')})` : ''}${String(form.keystrokes).padStart(4)}  ${String(form.taps).padStart(4)}  ${causes || '-'}\n`,
    );
  }
  const zero = report.demo.forms.filter((form) => form.keystrokes === 0).length;
  process.stdout.write(
    `\n${zero} of ${report.demo.forms.length} forms need no keystrokes from the demo returning applicant.\n`,
  );
}
process.exitCode = misses > 0 ? 1 : 0;
