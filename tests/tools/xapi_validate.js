// Usage: node xapi_validate.js MODULE_DIR statements.json
// Validates every statement of an exported JSON array with Learning
// Locker's validator (npm @learninglocker/xapi-validation, the checks its
// Learning Record Store makes before it accepts a statement) and prints a
// summary line the test reads: "N statements, N invalid, verbs: ...,
// interactions: ...". Also feeds the validator a statement that must be
// refused, so that a validator that accepts everything is caught.
const path = require('path');
const fs = require('fs');
const validate = require(path.join(process.argv[2], 'node_modules/@learninglocker/xapi-validation')).default;
const list = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));
if (!Array.isArray(list)) throw new Error('not a JSON array');
let invalid = 0;
const verbs = new Set(), kinds = new Set(), ids = new Set();
list.forEach((s, i) => {
  const warnings = validate(s);
  if (warnings.length) {
    invalid++;
    console.log(`statement ${i} (${s.id}):`);
    for (const w of warnings) console.log(`  ${w.path.join('.')}: ${w.name} ${w.message}`);
  }
  ids.add(s.id);
  verbs.add(s.verb.id.replace('http://adlnet.gov/expapi/verbs/', ''));
  const d = s.object.definition || {};
  if (d.interactionType) kinds.add(d.interactionType);
});
const broken = JSON.parse(JSON.stringify(list[0]));
broken.result.score.scaled = 2;          // outside [-1, 1]
broken.result.duration = '12.5 seconds'; // not ISO 8601
if (validate(broken).length < 2) { console.log('the validator accepted a broken statement'); invalid++; }
console.log(`${list.length} statements, ${invalid} invalid, ${ids.size} ids, verbs: ${[...verbs].sort().join(' ')}, ` +
            `interactions: ${[...kinds].sort().join(' ')}`);
process.exit(invalid ? 1 : 0);
