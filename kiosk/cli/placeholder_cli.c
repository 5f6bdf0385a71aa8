/* module cli */ typedef int mb_cli_translation_unit;
