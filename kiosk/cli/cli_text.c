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
    {"usage: mingbai pack preview PATH --shots DIR [--lang L] [--window WxH]\n",
     "用法：mingbai pack preview 路径 --shots 文件夹 [--lang 语言] [--window 宽x高]\n"},
    {"mingbai pack: cannot make a temporary database: %s\n",
     "mingbai pack：无法建立临时数据库：%s\n"},
    {"mingbai pack: not previewed; fix the errors above first\n",
     "mingbai pack：没有生成预览；请先改正上面的错误\n"},
    {"previewed 1 question: %d screenshots and %s\n",
     "已预览 1 道题：%d 张截图和 %s\n"},
    {"previewed %zu questions: %d screenshots and %s\n",
     "已预览 %zu 道题：%d 张截图和 %s\n"},
    {"question", "题目"},
    {"feedback on the right answer", "答对时的反馈"},
    {"feedback on a wrong answer", "答错时的反馈"},
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
     "续学位置 %lld 条，学习包 %lld 个\n"},
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
    {"usage: mingbai pack check PATH... | show FILE.gift|FILE.xml [--json] | import PATH | list |\n"
     "                    remove ID | hide ID | unhide ID |\n"
     "                    export-gift ID --lang L [-o FILE]   [--db PATH]\n"
     "       mingbai pack preview PATH --shots DIR [--lang L] [--window WxH]\n",
     "用法：mingbai pack check 路径... | show 文件.gift|文件.xml [--json] | import 路径 | list |\n"
     "                   remove 编号 | hide 编号 | unhide 编号 |\n"
     "                   export-gift 编号 --lang 语言 [-o 文件]   [--db 路径]\n"
     "      mingbai pack preview 路径 --shots 文件夹 [--lang 语言] [--window 宽x高]\n"},
    {"hide needs one ID", "hide 需要一个学习包编号"},
    {"unhide needs one ID", "unhide 需要一个学习包编号"},
    {"mingbai pack: cannot change %s: %s\n", "mingbai pack：无法更改 %s：%s\n"},
    {"%s is hidden from participants (its answers are kept)\n", "学员现在看不到 %s 了（答题记录仍然保留）\n"},
    {"participants see %s again\n", "学员又能看到 %s 了\n"},
    {"1 error, ", "1 个错误，"},
    {"%d errors, ", "%d 个错误，"},
    {"1 warning\n", "1 个警告\n"},
    {"%d warnings\n", "%d 个警告\n"},
    {"check needs a PATH", "check 需要一个路径"},
    {"    %s: %s\n", "    %s：%s\n"},
    {"  (name: %s)", "  （名称：%s）"},
    {"  line %d", "  第 %d 行"},
    {"  (not scored)\n", "  （不计分）\n"},
    {"category", "类别"},
    {"    tags:", "    标签："},
    {"source", "来源"},
    {"text", "题目"},
    {"format", "格式"},
    {"%s (shown without its markup)", "%s（显示时不带标记）"},
    {"answer", "答案"},
    {"true", "对"},
    {"false", "错"},
    {"feedback if wrong", "答错时的反馈"},
    {"feedback if right", "答对时的反馈"},
    {"(distractor)", "（干扰项）"},
    {"(any other value)", "（其他任何数值）"},
    {"             feedback: %s\n", "             反馈：%s\n"},
    {"general feedback", "总体反馈"},
    {"show takes one FILE.gift and --json", "show 只接受一个 .gift 文件和 --json"},
    {"show needs a FILE.gift", "show 需要一个 .gift 文件"},
    {"%s: %zu question\n", "%s：%zu 道题\n"},
    {"%s: %zu questions\n", "%s：%zu 道题\n"},
    {"mingbai pack: cannot open the database %s\n", "mingbai pack：无法打开数据库 %s\n"},
    {"importing [%.*s%*s] %3d%%", "正在导入 [%.*s%*s] %3d%%"},
    {"mingbai pack: %s %s is already on the kiosk; nothing imported\n",
     "mingbai pack：本机已有 %s %s，什么也没有导入\n"},
    {"mingbai pack: the kiosk has %s %s, newer than %s; nothing imported\n"
     "  hint: raise version in pack.ini for a new edition\n",
     "mingbai pack：本机已有 %s %s，比 %s 更新，什么也没有导入\n"
     "  提示：出新版本时请调高 pack.ini 里的 version\n"},
    {"replacing %s %s (answers to questions whose ids stay are kept)\n",
     "正在替换 %s %s（编号不变的题目，其答题记录会保留）\n"},
    {"import needs one PATH", "import 需要一个路径"},
    {"mingbai pack: not imported; fix the errors above first\n",
     "mingbai pack：没有导入；请先改正上面的错误\n"},
    {"mingbai pack: %s; nothing imported\n", "mingbai pack：%s，什么也没有导入\n"},
    {"mingbai pack: the import failed: %s; nothing changed\n",
     "mingbai pack：导入失败：%s，什么也没有改动\n"},
    {"imported %s %s: %zu units, %zu questions\n", "已导入 %s %s：%zu 个单元，%zu 道题\n"},
    {"%s has more questions than a quiz round asks: it becomes the pack %s, \"%s\" (%s), with %d "
     "units, one for each category (a long one in parts)\n",
     "%s 的题目比一轮测验能问的多：它成为学习包 %s，“%s”（%s），共 %d 个单元，每个类别一个"
     "（题目多的类别分成几部分）\n"},
    {"%s is one GIFT file: it becomes the pack %s, \"%s\" (%s), with one unit holding its "
     "questions\n",
     "%s 是单个 GIFT 文件：它成为学习包 %s，“%s”（%s），其中一个单元包含它的全部题目\n"},
    {"%s is one Moodle XML file: it becomes the pack %s, \"%s\" (%s), with one unit holding "
     "its questions\n",
     "%s 是单个 Moodle XML 文件：它成为学习包 %s，“%s”（%s），其中一个单元包含它的全部题目\n"},
    {"list takes no arguments", "list 不接受参数"},
    {"mingbai pack: cannot list packs: %s\n", "mingbai pack：无法列出学习包：%s\n"},
    {"no packs on the kiosk\n", "本机上没有学习包\n"},
    {"%-24s %-8s %3d units %5d questions  %s", "%-24s %-8s %3d 个单元 %5d 道题  %s"},
    {"remove needs one ID", "remove 需要一个学习包编号"},
    {"mingbai pack: no pack with id %s on the kiosk\n", "mingbai pack：本机上没有编号为 %s 的学习包\n"},
    {"mingbai pack: cannot remove %s: %s\n", "mingbai pack：无法删除 %s：%s\n"},
    {"removed %s (answers given to it are kept)\n", "已删除 %s（它的答题记录仍然保留）\n"},
    {"mingbai pack: cannot write %s: %s\n", "mingbai pack：无法写入 %s：%s\n"},
    {"wrote %zu questions to %s\n", "已把 %zu 道题写入 %s\n"},
    {"export-gift takes ID --lang L [-o FILE]", "export-gift 的写法是 编号 --lang 语言 [-o 文件]"},
    {"export-gift needs an ID and --lang", "export-gift 需要学习包编号和 --lang"},
    {"--lang wants en or zh-Hans", "--lang 只能是 en 或 zh-Hans"},
    {"mingbai pack: cannot read %s: %s\n", "mingbai pack：无法读取 %s：%s\n"},
    {"mingbai pack: the stored pack %s no longer checks\n",
     "mingbai pack：已存的学习包 %s 不再能通过检查\n"},
    {"mingbai pack: %s has no %s version\n", "mingbai pack：%s 没有 %s 版本\n"},
    {"mingbai pack: unknown command '%.40s'\n", "mingbai pack：没有 '%.40s' 这个命令\n"},
    {"usage: mingbai export --format csv|xapi|html --out DIR [--session ID] [--names]\n"
     "                      [--lang en|zh-Hans] [--db PATH]\n",
     "用法：mingbai export --format csv|xapi|html --out 文件夹 [--session 编号] [--names]\n"
     "                     [--lang en|zh-Hans] [--db 路径]\n"},
    {"usage: mingbai session start --title TITLE [--unit PACK/UNIT]... [--pack ID]...\n"
     "       mingbai session end [ID] | list   [--db PATH]\n",
     "用法：mingbai session start --title 标题 [--unit 学习包/单元]... [--pack 编号]...\n"
     "      mingbai session end [编号] | list   [--db 路径]\n"},
    {"mingbai: cannot open the database %s\n", "mingbai：无法打开数据库 %s\n"},
    {"mingbai export: unknown or incomplete option '%s'\n",
     "mingbai export：选项 '%s' 不认识或不完整\n"},
    {"--format wants csv, xapi or html", "--format 只能是 csv、xapi 或 html"},
    {"--out wants the folder to write to", "--out 后面要写导出到的文件夹"},
    {"--session wants a session number (mingbai session list)",
     "--session 后面要写研讨课编号（见 mingbai session list）"},
    {"mingbai export: %s; nothing was written\n", "mingbai export：%s，什么也没有写入\n"},
    {"wrote %s in %s\n", "已把 %s 写入 %s\n"},
    {"--unit wants PACK/UNIT, like media-literacy/01-platforms",
     "--unit 要写成 学习包/单元，例如 media-literacy/01-platforms"},
    {"start takes --title TITLE, --unit PACK/UNIT and --pack ID",
     "start 接受 --title 标题、--unit 学习包/单元 和 --pack 编号"},
    {"start needs a --title", "start 需要 --title"},
    {"mingbai session: %s\n", "mingbai session：%s\n"},
    {"session %lld started: %s\n", "研讨课 %lld 已开始：%s\n"},
    {"end takes the session's number, or nothing", "end 后面写研讨课编号，或者什么也不写"},
    {"mingbai session: no session is open\n", "mingbai session：没有正在进行的研讨课\n"},
    {"session %lld ended\n", "研讨课 %lld 已结束\n"},
    {"%lld\t%s\t%lld answers\t%s", "%lld\t%s\t%lld 条答题记录\t%s"},
    {"ended", "已结束"},
    {"open", "进行中"},
    {"\tunits: ", "\t单元："},
    {"\tpacks: ", "\t学习包："},
    {"unknown session command", "session 没有这个命令"},
    {"mingbai session: no pack %s on the kiosk; nothing was started\n",
     "mingbai session：本机上没有学习包 %s，研讨课没有开始\n"},
    {"mingbai session: %s has no unit %s; nothing was started\n",
     "mingbai session：%s 里没有单元 %s，研讨课没有开始\n"},
    {"mingbai session: the session ended, but the backup failed: %s\n",
     "mingbai session：研讨课已结束，但备份失败：%s\n"},
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
