/* module plat */ typedef int mb_plat_translation_unit;
