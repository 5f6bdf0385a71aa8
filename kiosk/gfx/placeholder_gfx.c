/* module gfx */ typedef int mb_gfx_translation_unit;
