/* module pack */ typedef int mb_pack_translation_unit;
