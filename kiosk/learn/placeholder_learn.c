/* module learn */ typedef int mb_learn_translation_unit;
