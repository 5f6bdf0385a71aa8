<?php
// Reads one Moodle XML question file with Moodle's own importer
// (question/format/xml/format.php, the class qformat_xml, given as the first
// argument) inside a minimal stand-in for what it needs from Moodle, and
// compares each question with what `mingbai pack show --json` read from the
// same file (the third argument; the fourth holds what it printed on
// stderr, its warnings). Written for Mingbai's tests; format.php itself is
// not part of Mingbai (see README.md beside this file).
//
// Usage: php compare.php FORMAT.PHP FILE.xml MINGBAI.json MINGBAI.stderr [RECORD.json]
//        php compare.php --recorded=RECORD.json FILE.xml MINGBAI.json MINGBAI.stderr
// The first form may also write what Moodle read (each question in the
// shape compared, why Moodle refused one, the types it leaves to their own
// question-type plugins) to RECORD.json; the second compares with such a
// record instead of running format.php, so that the comparison holds where
// Moodle's code is not at hand.
// Questions are paired by the line their <question> element starts on.
// Prints one line per question read differently or accepted by one side
// only, then "counts: tried T, moodle M, kiosk K, same S, different D,
// left-out L, moodle-only O, kiosk-only X, refused R": L questions of types
// the kiosk does not show (it leaves them out with a warning naming the
// type; Moodle imports them with the type's plugin, or refuses them when a
// standard Moodle has no such plugin: R of them).
// Exit 0 when no question is read differently (D == 0, O == 0, X == 0).

error_reporting(E_ALL & ~E_WARNING & ~E_NOTICE & ~E_DEPRECATED);
define('MOODLE_INTERNAL', true);
define('FORMAT_MOODLE', 0);
define('FORMAT_HTML', 1);
define('FORMAT_PLAIN', 2);
define('FORMAT_WIKI', 3);
define('FORMAT_MARKDOWN', 4);
define('PARAM_FILE', 'file');
define('DEBUG_DEVELOPER', 32767);

$CFG = new stdClass();
$CFG->libdir = __DIR__;          // our xmlize.php stands in for lib/xmlize.php
$CFG->dirroot = __DIR__;
$USER = new stdClass();
$USER->id = 2;

// The question types a standard Moodle installs that import themselves
// (qformat_xml::try_importing_using_qtypes hands them to their plugin).
$core_plugin_types = array('gapselect', 'ddwtos', 'ddimageortext', 'ddmarker', 'randomsamatch',
                           'ordering');

function get_string($id, $component = '', $a = null) { return $id; }
function debugging($message = '', $level = 0) { }
function clean_param($v, $type) { return $v; }
function file_get_unused_draft_itemid() { static $n = 0; return ++$n; }
class context_user { public $id = 5; public static function instance($id) { return new context_user(); } }
class mingbai_files {
    public $files = array();
    public function create_file_from_string($record, $content) {
        $this->files[] = $record['filepath'] . $record['filename'];
    }
}
function get_file_storage() { static $fs = null; return $fs ? $fs : ($fs = new mingbai_files()); }
// Moodle's page output: the importer's notices (an old true/false file) are
// not shown.
class mingbai_output { public function notification($m) { return ''; } }
$OUTPUT = new mingbai_output();
class core_tag_tag { public static function is_enabled($c, $i) { return false; } }
class question_bank { public static function get_qtype($t) { return null; } }
// The cloze type's parser lives in its plugin: the kiosk leaves cloze
// questions out, so only "Moodle imports it" matters here.
function qtype_multianswer_extract_question($text) {
    $q = new stdClass();
    $q->questiontext = $text;
    return $q;
}
function qtype_multianswer_validate_question($q) { return array(); }

// What qformat_xml uses of Moodle's qformat_default, written from what it
// does (question/format.php): a question's error is kept with the question.
class qformat_default {
    public $errors = array();
    public $current = 0;
    public $plugin = null;

    protected function defaultquestion() {
        $q = new stdClass();
        $q->shuffleanswers = 1;
        $q->defaultmark = 1;
        $q->penalty = 0.3333333;
        $q->length = 1;
        $q->usecase = 0;
        $q->generalfeedback = '';
        $q->generalfeedbackformat = FORMAT_HTML;
        return $q;
    }
    protected function error($message, $text = '', $questionname = '') {
        $this->errors[$this->current] = $message;
    }
    public function clean_question_name($name) {
        return trim(strip_tags((string)$name));
    }
    public function create_default_question_name($text, $default) {
        $name = trim(strip_tags($text));
        return $name === '' ? $default : $name;
    }
    // Types qformat_xml does not read itself go to their own plugin.
    protected function try_importing_using_qtypes($data, $question = null, $extra = null,
                                                  $qtypehint = '') {
        global $core_plugin_types;
        if (in_array($qtypehint, $core_plugin_types, true)) {
            $this->plugin = $qtypehint;
            $q = new stdClass();
            $q->qtype = $qtypehint;
            return $q;
        }
        return false;
    }
    // Export half of qformat_xml, used by its import half.
    public function get_format($id) {
        $names = array(FORMAT_MOODLE => 'moodle_auto_format', FORMAT_HTML => 'html',
                       FORMAT_PLAIN => 'plain_text', FORMAT_WIKI => 'wiki_like',
                       FORMAT_MARKDOWN => 'markdown');
        return isset($names[$id]) ? $names[$id] : 'unknown';
    }
}

$recorded = strncmp($argv[1], '--recorded=', 11) === 0 ? substr($argv[1], 11) : null;
if (!$recorded) {
    require $argv[1];
    eval('class mingbai_qformat_xml extends qformat_xml {
        public function one($x) { return $this->import_question($x); }
    }');
}

$fmtname = array(FORMAT_MOODLE => 'moodle', FORMAT_HTML => 'html', FORMAT_PLAIN => 'plain',
                 FORMAT_WIKI => 'wiki', FORMAT_MARKDOWN => 'markdown');
function nz($s) { return ($s === null || $s === '') ? null : $s; }
function fmt($f) { global $fmtname; return isset($fmtname[$f]) ? $fmtname[$f] : "format $f"; }
function ftext($field) { return is_array($field) ? nz(isset($field['text']) ? $field['text'] : '') : null; }

// Moodle's question, as its question type would save it, in one shape.
function moodle_shape($q, $category) {
    $c = array('type' => $q->qtype, 'name' => nz($q->name), 'text' => $q->questiontext,
               'format' => fmt($q->questiontextformat),
               'general_feedback' => nz($q->generalfeedback), 'category' => nz($category),
               'answers' => array());
    switch ($q->qtype) {
    case 'multichoice':
        if (!$q->single) {
            $c['type'] = 'multiresponse';
        }
        foreach ((array)$q->answer as $k => $a) {
            if (trim($a['text']) === '') {
                continue; // qtype_multichoice leaves blank answers out
            }
            $c['answers'][] = array('text' => $a['text'], 'format' => fmt($a['format']),
                                    'fraction' => (float)$q->fraction[$k],
                                    'feedback' => ftext($q->feedback[$k]));
        }
        break;
    case 'shortanswer':
        foreach ((array)$q->answer as $k => $a) {
            if (trim($a) === '' && $q->fraction[$k] == 0 && trim($q->feedback[$k]['text']) === '') {
                continue; // qtype_shortanswer leaves a blank answer out
            }
            $c['answers'][] = array('text' => $a, 'fraction' => (float)$q->fraction[$k],
                                    'feedback' => ftext($q->feedback[$k]));
        }
        break;
    case 'numerical':
        foreach ((array)$q->answer as $k => $a) {
            if (trim($a) === '' && $q->fraction[$k] == 0 && trim($q->feedback[$k]['text']) === '') {
                continue; // qtype_numerical leaves a blank answer out
            }
            $all = trim($a) === '*';
            $c['answers'][] = array('catchall' => $all, 'fraction' => (float)$q->fraction[$k],
                                    'feedback' => ftext($q->feedback[$k]),
                                    'value' => $all ? 0.0 : (float)$a,
                                    'tolerance' => $all ? 0.0 : (float)$q->tolerance[$k]);
        }
        break;
    case 'match':
        foreach ($q->subquestions as $k => $sq) {
            if (trim($sq['text']) === '' && trim($q->subanswers[$k]) === '') {
                continue; // qtype_match leaves an empty pair out
            }
            $c['answers'][] = array('left' => $sq['text'], 'text' => $q->subanswers[$k],
                                    'format' => fmt($sq['format']));
        }
        break;
    case 'truefalse':
        $c['answers'] = array(
            array('text' => 'true', 'fraction' => !empty($q->correctanswer) ? 1.0 : 0.0,
                  'feedback' => ftext($q->feedbacktrue)),
            array('text' => 'false', 'fraction' => !empty($q->correctanswer) ? 0.0 : 1.0,
                  'feedback' => ftext($q->feedbackfalse)));
        break;
    }
    return $c;
}

// The kiosk's question in the same shape.
function kiosk_shape($q) {
    $c = array('type' => $q['type'], 'name' => $q['name'], 'text' => $q['text'],
               'format' => $q['format'],
               'general_feedback' => $q['general_feedback'], 'category' => $q['category'],
               'answers' => array());
    foreach ($q['answers'] as $a) {
        switch ($q['type']) {
        case 'multichoice':
        case 'multiresponse':
            $c['answers'][] = array('text' => $a['text'], 'format' => $a['format'],
                                    'fraction' => (float)$a['fraction'], 'feedback' => $a['feedback']);
            break;
        case 'shortanswer':
            $c['answers'][] = array('text' => $a['text'], 'fraction' => (float)$a['fraction'],
                                    'feedback' => $a['feedback']);
            break;
        case 'numerical':
            $c['answers'][] = array('catchall' => $a['catchall'], 'fraction' => (float)$a['fraction'],
                                    'feedback' => $a['feedback'], 'value' => (float)$a['value'],
                                    'tolerance' => (float)$a['tolerance']);
            break;
        case 'match':
            $c['answers'][] = array('left' => $a['left'], 'text' => $a['text'], 'format' => $a['format']);
            break;
        case 'truefalse':
            $c['answers'][] = array('text' => $a['text'], 'fraction' => (float)$a['fraction'],
                                    'feedback' => $a['feedback']);
            break;
        }
    }
    return $c;
}

function canon($v) {
    if (is_float($v) || is_int($v)) {
        return round($v, 7);
    }
    if (is_array($v)) {
        $o = array();
        foreach ($v as $k => $x) {
            $o[$k] = canon($x);
        }
        if (array_keys($o) !== range(0, count($o) - 1)) {
            ksort($o);
        }
        return $o;
    }
    return $v;
}

// The line each <question> child of <quiz> starts on, in document order.
function question_lines($bytes) {
    $lines = array();
    $depth = 0;
    $p = xml_parser_create('UTF-8');
    xml_parser_set_option($p, XML_OPTION_CASE_FOLDING, 0);
    xml_set_element_handler($p,
        function ($p, $name, $attrs) use (&$depth, &$lines) {
            if ($depth == 1 && $name === 'question') {
                $lines[] = xml_get_current_line_number($p);
            }
            $depth++;
        },
        function ($p, $name) use (&$depth) { $depth--; });
    xml_parse($p, $bytes, true);
    return $lines;
}

$moodle = array();     // line => shape, false (refused) or array('left-out' => type)
$errors = array();
$tried = 0;
$fileerror = null;
if ($recorded) {
    $rec = json_decode(file_get_contents($recorded), true);
    $tried = $rec['tried'];
    foreach ($rec['questions'] as $r) {
        $moodle[$r['line']] = $r['moodle'];
    }
    $errors = $rec['errors'];
    $fileerror = $rec['file_error'];
} else {
    $bytes = file_get_contents($argv[2]);
    $fmt = new mingbai_qformat_xml();
    $lines = question_lines(trim($bytes));
    try {
        $xml = xmlize($bytes, 0, 'UTF-8', true);
    } catch (xml_format_exception $e) {
        $xml = false;
        $fileerror = $e->getMessage();
    }
    $qs = $xml && isset($xml['quiz']['#']['question']) ? $xml['quiz']['#']['question'] : array();
    if ($xml && !$qs) {
        $fileerror = 'no <question> in <quiz>';
    }
    $category = null;
    foreach ($qs as $i => $qxml) {
        $line = isset($lines[$i]) ? $lines[$i] : -1 - $i;
        $fmt->current = $line;
        $fmt->plugin = null;
        $type = isset($qxml['@']['type']) ? $qxml['@']['type'] : '';
        if ($type !== 'category') {
            $tried++;
        }
        try {
            $q = $fmt->one($qxml);
        } catch (Throwable $e) {
            // PHP stops Moodle's import there (a page with the error).
            $q = null;
            $fmt->errors[$line] = 'PHP error: ' . $e->getMessage();
        }
        if ($type === 'category') {
            if ($q) {
                $category = $q->category;
            }
            continue;
        }
        if ($fmt->plugin) {
            $moodle[$line] = array('left-out' => $type);
        } else if ($q && !isset($fmt->errors[$line])) {
            $moodle[$line] = moodle_shape($q, $category);
        } else {
            $moodle[$line] = false;
        }
    }
    $errors = $fmt->errors;
}
if (!$recorded && isset($argv[5])) {
    $rec = array('tried' => $tried, 'file_error' => $fileerror, 'questions' => array(),
                 'errors' => (object)$errors);
    foreach ($moodle as $line => $m) {
        $rec['questions'][] = array('line' => $line, 'moodle' => $m);
    }
    file_put_contents($argv[5], json_encode($rec, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES
                                                  | JSON_PRETTY_PRINT) . "\n");
}
$doc = json_decode(file_get_contents($argv[3]), true);
$kiosk = array();
foreach ($doc ? $doc['questions'] : array() as $q) {
    $kiosk[$q['line']] = kiosk_shape($q);
}
// What the kiosk left out with a warning naming the type, by line.
$leftout = array();
foreach (file($argv[4]) as $w) {
    if (preg_match('/^[^:]*:(\d+):\d+: warning: .* skipped: the kiosk does not show questions of type/',
                   $w, $mm)) {
        $leftout[(int)$mm[1]] = true;
    }
}

$n = array('moodle' => 0, 'kiosk' => 0, 'same' => 0, 'different' => 0, 'left-out' => 0,
           'moodle-only' => 0, 'kiosk-only' => 0, 'refused' => 0);
$name = basename($argv[2]);
if ($fileerror) {
    echo "$name: Moodle refuses the file: $fileerror\n";
}
foreach ($moodle as $line => $m) {
    $k = isset($kiosk[$line]) ? $kiosk[$line] : null;
    $why = isset($errors[$line]) ? $errors[$line] : '?';
    if ($m) {
        $n['moodle']++;
    }
    if ($k) {
        $n['kiosk']++;
    }
    if ($m && isset($m['left-out'])) {
        if ($k || !isset($leftout[$line])) {
            $n['different']++;
            echo "$name:$line: a {$m['left-out']} question: the kiosk should leave it out with a warning\n";
        } else {
            $n['left-out']++;
        }
    } else if ($m && $k) {
        $a = json_encode(canon($m), JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES);
        $b = json_encode(canon($k), JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES);
        if ($a === $b) {
            $n['same']++;
        } else {
            $n['different']++;
            echo "$name:$line: read differently\n  moodle: $a\n  kiosk:  $b\n";
        }
    } else if ($m) {
        if (isset($leftout[$line])) {
            $n['left-out']++;   // a type Moodle reads itself (cloze, calculated) the kiosk leaves out
        } else {
            $n['moodle-only']++;
            echo "$name:$line: moodle imports it, the kiosk refuses it\n";
        }
    } else if ($k) {
        $n['kiosk-only']++;
        echo "$name:$line: the kiosk imports it, moodle refuses it ($why)\n";
    } else {
        $n['refused']++;
        if (!isset($leftout[$line])) {
            echo "$name:$line: refused by both (moodle: $why)\n";
        }
    }
}
foreach ($kiosk as $line => $k) {
    if (!array_key_exists($line, $moodle)) {
        $n['kiosk-only']++;
        echo "$name:$line: the kiosk reads a question moodle does not see there\n";
    }
}
printf("counts: tried %d, moodle %d, kiosk %d, same %d, different %d, left-out %d, moodle-only %d, "
       . "kiosk-only %d, refused %d\n", $tried, $n['moodle'], $n['kiosk'], $n['same'],
       $n['different'], $n['left-out'], $n['moodle-only'], $n['kiosk-only'], $n['refused']);
exit($n['different'] || $n['moodle-only'] || $n['kiosk-only'] ? 1 : 0);
