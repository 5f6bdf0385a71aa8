/* module text */ typedef int mb_text_translation_unit;
