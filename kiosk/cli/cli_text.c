/* The command-line tools' messages in English (the key) and Simplified
 * Chinese, chosen by the locale as other command-line programs do.
 * tool.test_translations checks that every literal given to cli_tr() and
 * cli_say() is here, translated, with the same printf conversions in both. */
#include "cli_internal.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *en, *zh;
} CliMsg;

static const CliMsg catalog[] = {
    {"usage: mingbai instructor set-pin [--db PATH]\n"
     "       mingbai backup FILE [--db PATH]\n"
     "       mingbai results merge A.db B.db ... --into C.db\n"
     "       mingbai participant delete PSEUDONYM-OR-ID [--db PATH]\n"
     "       mingbai participant set-code|clear-code PSEUDONYM-OR-ID [--db PATH]\n",
     "用法：mingbai instructor set-pin [--db 路径]\n"
     "      mingbai backup 文件 [--db 路径]\n"
     "      mingbai results merge A.db B.db ... --into C.db\n"
     "      mingbai participant delete 代号或编号 [--db 路径]\n"
     "      mingbai participant set-code|clear-code 代号或编号 [--db 路径]\n"},
    {"not understood\n", "命令写法不对\n"},
    {"cannot open the database %s (the reason is above)\n", "无法打开数据库 %s（原因见上）\n"},
    {"New instructor PIN (4 to 8 digits): ", "新的教师 PIN（4 到 8 位数字）："},
    {"The same PIN again: ", "再输入一次同一个 PIN："},
    {"mingbai instructor: no PIN was given\n", "mingbai instructor：没有输入 PIN\n"},
    {"mingbai instructor: a PIN is %d to %d digits, nothing else\n",
     "mingbai instructor：PIN 只能是 %d 到 %d 位数字\n"},
    {"mingbai instructor: the two PINs differ; nothing changed\n",
     "mingbai instructor：两次输入的 PIN 不一致，什么也没有改\n"},
    {"The instructor PIN was changed.\n", "教师 PIN 已更改。\n"},
    {"The instructor PIN is set.\n", "教师 PIN 已设置。\n"},
    {"mingbai instructor: the PIN could not be kept: %s\n",
     "mingbai instructor：PIN 没能保存：%s\n"},
    {"mingbai backup: no backup was made: %s\n", "mingbai backup：没有完成备份：%s\n"},
    {"Backed up to %s: %lld answers, checked.\n", "已备份到 %s：共 %lld 条答题记录，已通过校验。\n"},
    {"%s is not a Mingbai database\n", "%s 不是明白（Mingbai）的数据库\n"},
    {"%s comes from a newer Mingbai (schema version %d; this one knows up to %d): merge it "
     "with that version\n",
     "%s 来自更新版本的明白（数据库结构版本 %d，本程序最高只认识 %d）：请用那个版本来合并\n"},
    {"%s is the database merged into\n", "%s 就是要合并进去的那个数据库\n"},
    {"%s is damaged (it fails its check): restore it from a backup\n",
     "%s 已损坏（没有通过校验）：请用备份恢复\n"},
    {"cannot merge %s: %s\n", "无法合并 %s：%s\n"},
    {"mingbai results: nothing was merged\n", "mingbai results：什么也没有合并\n"},
    {"mingbai results: the files before %s were merged; merging them again adds nothing\n",
     "mingbai results：%s 之前的文件已经合并；再合并一次也不会重复添加\n"},
    {"%s: %lld new participants, %lld new answers, %lld review boxes, %lld reading "
     "positions, %lld resume points, %lld packs\n",
     "%s：新增学员 %lld 人，新增答题记录 %lld 条，复习记录 %lld 条，阅读位置 %lld 条，"
     "续学位置 %lld 条，内容包 %lld 个\n"},
    {"%s now holds %lld answers.\n", "%s 现在共有 %lld 条答题记录。\n"},
    {"mingbai participant: no participant %s\n", "mingbai participant：没有学员 %s\n"},
    {"mingbai participant: nothing was deleted: %s\n",
     "mingbai participant：什么也没有删除：%s\n"},
    {"Deleted participant %s and their %lld answers.\n",
     "已删除学员 %s 及其 %lld 条答题记录。\n"},
    {"mingbai participant: %s\n", "mingbai participant：%s\n"},
    {"mingbai pack: no backup could be made before the import (%s); nothing imported\n",
     "mingbai pack：导入前没能做好备份（%s），什么也没有导入\n"},
    {"backed up to %s\n", "已备份到 %s\n"},
    {"Backups made before keep a copy of them (%s).\n", "之前做的备份里仍有此人的数据（%s）。\n"},
    {"  (hidden from participants)", "  （学员看不到）"},
    {"The participant's new code (4 digits): ", "学员的新密码（4 位数字）："},
    {"The same code again: ", "再输入一次同一个密码："},
    {"mingbai participant: no code was given\n", "mingbai participant：没有输入密码\n"},
    {"mingbai participant: a code is %d digits, nothing else\n",
     "mingbai participant：密码只能是 %d 位数字\n"},
    {"mingbai participant: the two codes differ; nothing changed\n",
     "mingbai participant：两次输入的密码不一致，什么也没有改\n"},
    {"mingbai participant: the code was not changed: %s\n",
     "mingbai participant：密码没有改成：%s\n"},
    {"%s (%s) has a code now; it is asked when they tap their name.\n",
     "%s（%s）现在有密码了；点自己的名字时需要输入。\n"},
    {"%s (%s) has no code now.\n", "%s（%s）现在没有密码了。\n"},
    {"%s (%s) had no code.\n", "%s（%s）本来就没有密码。\n"},
};

bool cli_zh(void)
{
    const char *vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    for (size_t i = 0; i < MB_COUNT(vars); i++) {
        const char *v = getenv(vars[i]);
        if (v && v[0])
            return !strncmp(v, "zh", 2);
    }
    return false;
}

const char *cli_tr(const char *en)
{
    if (!cli_zh())
        return en;
    for (size_t i = 0; i < MB_COUNT(catalog); i++)
        if (!strcmp(catalog[i].en, en))
            return catalog[i].zh;
    return en;
}

void cli_prefix(FILE *f, const char *cmd)
{
    fprintf(f, "mingbai %s%s", cmd, cli_zh() ? "：" : ": ");
}

void cli_say(FILE *f, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfprintf(f, cli_tr(fmt), ap);
    va_end(ap);
}
