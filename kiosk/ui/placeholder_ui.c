/* module ui */ typedef int mb_ui_translation_unit;
