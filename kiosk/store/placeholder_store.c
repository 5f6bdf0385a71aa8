/* module store */ typedef int mb_store_translation_unit;
