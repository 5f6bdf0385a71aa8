<?php
// Mingbai's stand-in for Moodle's lib/xmlize.php, which Moodle's XML question
// importer loads first (require_once($CFG->libdir . '/xmlize.php')). Written
// from what Moodle's parser does, so that the importer gets the same tree:
//
// - PHP's xml extension parses the trimmed input, fed in 4096-byte pieces,
//   with case folding off and white space kept (the importer asks for that);
// - an element becomes array('@' => attributes (only when it has some),
//   '#' => children by name, each a list in document order); the root is
//   not in a list;
// - character data is kept only when a piece is "0" or holds something
//   other than white space: pieces of white space alone (a line break
//   between two lines, often) are dropped; pieces that follow each other
//   are joined;
// - an element holding only text gets that text as its '#', an empty one ''.
// - on a broken document an exception says what the parser said.

class xml_format_exception extends Exception {
    public $errorstring;
    public function __construct($errorstring, $line, $char) {
        $this->errorstring = $errorstring;
        parent::__construct("$errorstring at line $line, char $char");
    }
}

class mingbai_xmlize {
    private $tree = array();
    private $stack = array();

    public function open($parser, $name, $attrs) {
        $top = &$this->stack[count($this->stack) - 1];
        if (count($this->stack) == 1) {
            $top[$name] = array('@' => $attrs, '#' => array());
            $this->stack[] = &$top[$name]['#'];
            return;
        }
        if (empty($top[$name])) {
            $top[$name] = array();
        }
        $i = count($top[$name]);
        if (!empty($attrs)) {
            $top[$name][$i]['@'] = $attrs;
        }
        $top[$name][$i]['#'] = array();
        $this->stack[] = &$top[$name][$i]['#'];
    }

    public function close($parser, $name) {
        $top = &$this->stack[count($this->stack) - 1];
        if (empty($top)) {
            $top = '';
        } else if (array_key_exists(0, $top) && count($top) == 1) {
            $top = $top[0];
        }
        array_pop($this->stack);
    }

    public function text($parser, $data) {
        if (!($data == '0' || (!empty($data) && trim($data) != ''))) {
            return;
        }
        $top = &$this->stack[count($this->stack) - 1];
        if (count($top) == 0) {
            $top[0] = $data;
            return;
        }
        $key = max(array_keys($top));
        if (!is_int($key)) {
            $top[0] = $data;
            return;
        }
        end($top);
        if (is_int(key($top))) {
            $top[$key] .= $data;
        } else {
            $top[$key + 1] = $data;
        }
    }

    public function parse($data, $whitespace, $encoding, $reporterrors) {
        $data = trim($data);
        $this->tree = array();
        $this->stack = array(&$this->tree);
        $parser = xml_parser_create($encoding);
        xml_parser_set_option($parser, XML_OPTION_CASE_FOLDING, 0);
        xml_parser_set_option($parser, XML_OPTION_SKIP_WHITE, $whitespace);
        xml_set_element_handler($parser, array($this, 'open'), array($this, 'close'));
        xml_set_character_data_handler($parser, array($this, 'text'));
        for ($i = 0; $i < strlen($data); $i += 4096) {
            if (!xml_parse($parser, substr($data, $i, 4096))) {
                break;
            }
        }
        if ($reporterrors && ($code = xml_get_error_code($parser))) {
            throw new xml_format_exception(xml_error_string($code),
                    xml_get_current_line_number($parser), xml_get_current_column_number($parser));
        }
        return empty($this->tree) ? false : $this->tree;
    }
}

function xmlize($data, $whitespace = 1, $encoding = 'UTF-8', $reporterrors = false) {
    $x = new mingbai_xmlize();
    return $x->parse($data, $whitespace, $encoding, $reporterrors);
}
