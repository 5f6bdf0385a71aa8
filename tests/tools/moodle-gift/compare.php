<?php
// Reads one GIFT file with Moodle's own importer (question/format/gift/
// format.php, the class qformat_gift, given as the first argument) inside a
// minimal stand-in for what it needs from Moodle, and compares each question
// with what `mingbai pack show --json` read from the same file (the third
// argument). Written for Mingbai's tests; format.php itself is not part of
// Mingbai (see README.md beside this file).
//
// Usage: php compare.php FORMAT.PHP FILE.gift MINGBAI.json [RECORD.json]
//        php compare.php --recorded=RECORD.json FILE.gift MINGBAI.json
// The first form may also write what Moodle read (each question in the
// shape compared, and why Moodle refused one) to RECORD.json; the second
// compares with such a record instead of running format.php, so that the
// comparison holds where Moodle's code is not at hand.
// Prints one line per question that is read differently or accepted by one
// side only, then "counts: tried T, moodle M, kiosk K, same S, different D,
// moodle-only O (kiosk refused with a message), kiosk-only X".
// Exit 0 when no question is read differently (D == 0 and X == 0).

error_reporting(E_ALL & ~E_WARNING & ~E_NOTICE & ~E_DEPRECATED);
define('MOODLE_INTERNAL', true);
define('FORMAT_MOODLE', 0);
define('FORMAT_HTML', 1);
define('FORMAT_PLAIN', 2);
define('FORMAT_MARKDOWN', 4);

function get_string($id, $component = '') { return $id; }
function get_config($plugin, $name) { return 'abc'; }

// What qformat_gift uses of Moodle's qformat_default, written from what it
// does: lines are read as PHP's file() reads them, blocks end at lines that
// PHP's empty() takes for blank.
class qformat_default {
    public $errors = array();
    public $blockline = 0;

    protected function defaultquestion() {
        $q = new stdClass();
        $q->shuffleanswers = 1;
        $q->defaultmark = 1;
        $q->penalty = 0.3333333;
        $q->length = 1;
        return $q;
    }
    protected function error($message, $text = '', $questionname = '') {
        $this->errors[$this->blockline] = $message;
    }
    public function clean_question_name($name) {
        return trim(strip_tags($name));
    }
    public function create_default_question_name($text, $default) {
        $name = trim(strip_tags($text));
        return $name === '' ? $default : $name;
    }
    protected function add_blank_combined_feedback($q) { return $q; }

    public function readdata_bytes($bytes) {
        $lines = preg_split('/(?<=\n)/', $bytes, -1, PREG_SPLIT_NO_EMPTY);
        if (!$lines) {
            return array();
        }
        if (substr($lines[0], 0, 3) === "\xEF\xBB\xBF") {
            $lines[0] = substr($lines[0], 3);
        }
        if (strpos($lines[0], "\r") !== false && strpos($lines[0], "\n") === false) {
            return explode("\r", $lines[0]);
        }
        return $lines;
    }

    // Each question with the line its block's first line of content has.
    public function readquestions_lines($lines) {
        $out = array();
        $block = array();
        $start = 0;
        foreach ($lines as $i => $line) {
            $line = trim($line);
            if (empty($line)) {
                if ($block) {
                    $out[] = array($start, $block);
                }
                $block = array();
            } else {
                if (!$block || ($start == 0 && substr($line, 0, 2) != '//')) {
                    $start = substr($line, 0, 2) == '//' ? 0 : $i + 1;
                }
                $block[] = $line;
            }
        }
        if ($block) {
            $out[] = array($start, $block);
        }
        return $out;
    }
}

$recorded = strncmp($argv[1], '--recorded=', 11) === 0 ? substr($argv[1], 11) : null;
if (!$recorded) {
    require $argv[1];
}

$fmtname = array(FORMAT_MOODLE => 'moodle', FORMAT_HTML => 'html', FORMAT_PLAIN => 'plain',
                 FORMAT_MARKDOWN => 'markdown');
function nz($s) { return ($s === null || $s === '') ? null : $s; }

// Moodle's question, as its question type would save it, in one shape.
function moodle_shape($q, $category, $fmtname) {
    $c = array('type' => $q->qtype, 'name' => $q->name, 'text' => $q->questiontext,
               'format' => $fmtname[$q->questiontextformat],
               'general_feedback' => nz($q->generalfeedback), 'category' => nz($category),
               'answers' => array());
    switch ($q->qtype) {
    case 'multichoice':
        if (!$q->single) {
            $c['type'] = 'multiresponse';
        }
        foreach ($q->answer as $k => $a) {
            if (trim($a['text']) === '') {
                continue; // qtype_multichoice leaves blank answers out
            }
            $c['answers'][] = array('text' => $a['text'], 'format' => $fmtname[$a['format']],
                                    'fraction' => (float)$q->fraction[$k],
                                    'feedback' => nz($q->feedback[$k]['text']));
        }
        break;
    case 'shortanswer':
        foreach ($q->answer as $k => $a) {
            if (trim($a) === '' && $q->fraction[$k] == 0 && trim($q->feedback[$k]['text']) === '') {
                continue;
            }
            $c['answers'][] = array('text' => $a, 'fraction' => (float)$q->fraction[$k],
                                    'feedback' => nz($q->feedback[$k]['text']));
        }
        break;
    case 'numerical':
        foreach ($q->answer as $k => $a) {
            $all = $a === '*';
            $c['answers'][] = array('catchall' => $all, 'fraction' => (float)$q->fraction[$k],
                                    'feedback' => nz($q->feedback[$k]['text']),
                                    'value' => $all ? 0.0 : (float)$a,
                                    'tolerance' => $all ? 0.0 : (float)$q->tolerance[$k]);
        }
        break;
    case 'match':
        $c['type'] = 'match';
        foreach ($q->subquestions as $k => $sq) {
            $c['answers'][] = array('left' => $sq['text'], 'text' => $q->subanswers[$k],
                                    'format' => $fmtname[$sq['format']]);
        }
        break;
    case 'truefalse':
        $c['answers'] = array(
            array('text' => 'true', 'fraction' => $q->correctanswer ? 1.0 : 0.0,
                  'feedback' => nz($q->feedbacktrue['text'])),
            array('text' => 'false', 'fraction' => $q->correctanswer ? 0.0 : 1.0,
                  'feedback' => nz($q->feedbackfalse['text'])));
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

$moodle = array();
$errors = array();
$category = null;
$tried = 0;
if ($recorded) {
    $rec = json_decode(file_get_contents($recorded), true);
    $tried = $rec['tried'];
    foreach ($rec['questions'] as $r) {
        $moodle[$r['line']] = $r['moodle'];
    }
    $errors = $rec['errors'];
} else {
    $gift = new qformat_gift();
    $bytes = file_get_contents($argv[2]);
    $blocks = $gift->readquestions_lines($gift->readdata_bytes($bytes));
}
foreach ($recorded ? array() : $blocks as $blk) {
    list($line, $lines) = $blk;
    $gift->blockline = $line;
    $q = $gift->readquestion($lines);
    if ($q && $q->qtype === 'category') {
        $category = $q->category;
        continue;
    }
    $text = trim(implode("\n", array_filter($lines, function ($l) { return substr($l, 0, 2) != '//'; })));
    if ($text === '') {
        continue; // only comments: no question
    }
    $tried++;
    if ($q) {
        $moodle[$line] = moodle_shape($q, $category, $fmtname);
    } else {
        $moodle[$line] = false;
    }
}

if (!$recorded) {
    $errors = $gift->errors;
}
if (!$recorded && isset($argv[4])) {
    $rec = array('tried' => $tried, 'questions' => array(), 'errors' => (object)$errors);
    foreach ($moodle as $line => $m) {
        $rec['questions'][] = array('line' => $line, 'moodle' => $m);
    }
    file_put_contents($argv[4], json_encode($rec, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES
                                                  | JSON_PRETTY_PRINT) . "\n");
}
$doc = json_decode(file_get_contents($argv[3]), true);
$kiosk = array();
foreach ($doc['questions'] as $q) {
    $kiosk[$q['line']] = kiosk_shape($q);
}

$n = array('moodle' => 0, 'kiosk' => 0, 'same' => 0, 'different' => 0, 'moodle-only' => 0,
           'kiosk-only' => 0);
$name = basename($argv[2]);
foreach ($moodle as $line => $m) {
    $k = isset($kiosk[$line]) ? $kiosk[$line] : null;
    if ($m) {
        $n['moodle']++;
    }
    if ($k) {
        $n['kiosk']++;
    }
    if ($m && $k) {
        if ($k['name'] === null) {
            // No ::name:: in the file: Moodle makes one from the text.
            unset($m['name'], $k['name']);
        }
        $a = json_encode(canon($m), JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES);
        $b = json_encode(canon($k), JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES);
        if ($a === $b) {
            $n['same']++;
        } else {
            $n['different']++;
            echo "$name:$line: read differently\n  moodle: $a\n  kiosk:  $b\n";
        }
    } else if ($m) {
        $n['moodle-only']++;
        echo "$name:$line: moodle imports it, the kiosk refuses it (see its message)\n";
    } else if ($k) {
        $n['kiosk-only']++;
        $why = isset($errors[$line]) ? $errors[$line] : '?';
        echo "$name:$line: the kiosk imports it, moodle refuses it ($why)\n";
    }
}
foreach ($kiosk as $line => $k) {
    if (!array_key_exists($line, $moodle)) {
        $n['kiosk-only']++;
        echo "$name:$line: the kiosk reads a question moodle does not see there\n";
    }
}
printf("counts: tried %d, moodle %d, kiosk %d, same %d, different %d, moodle-only %d, kiosk-only %d\n",
       $tried, $n['moodle'], $n['kiosk'], $n['same'], $n['different'], $n['moodle-only'],
       $n['kiosk-only']);
exit($n['different'] || $n['kiosk-only'] ? 1 : 0);
