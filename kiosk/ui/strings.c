/* The interface's translation catalogue: every string the screens show, in
 * English (the key) and Simplified Chinese. A test checks that each entry
 * has both, and that every tr() key used in the screens is in the table. */
#include "context.h"

#include <string.h>

typedef struct {
    const char *en, *zh;
} Msg;

static const Msg catalog[] = {
    {"Mingbai", "明白"},
    {"Reading the feed: a critical course on platforms",
     "读懂信息流：以批判的眼光看平台"},
    {"Tap anywhere to start", "轻触屏幕开始"},
    {"Choose your language", "选择语言"},
    {"You can change it at any time with the button in the corner.",
     "随时可以点右上角的按钮切换语言。"},
    {"Who is studying?", "谁在学习？"},
    {"Tap your name, or continue as a guest.", "请点你的名字，或以访客身份继续。"},
    {"Continue as a guest", "以访客身份继续"},
    {"Guest", "访客"},
    {"Units", "学习单元"},
    {"Back", "返回"},
    {"Home", "首页"},
    {"Not started", "未开始"},
    {"Read", "已读完"},
    {"Started", "已开始"},
    {"Read to %d%%", "读到 %d%%"},
    {"%d of %d answered, %d right", "答了 %d/%d 题，对 %d 题"},
    {"About this course", "关于本课程"},
    {"Take the quiz", "开始测验"},
    {"Back to the units", "返回单元列表"},
    {"Question %d of %d", "第 %d 题，共 %d 题"},
    {"Choose one answer.", "请选择一个答案。"},
    {"Choose every answer that applies.", "请选择所有正确的答案。"},
    {"True", "对"},
    {"False", "错"},
    {"Check my answer", "提交答案"},
    {"Next question", "下一题"},
    {"See my results", "查看结果"},
    {"Right", "回答正确"},
    {"Partly right", "部分正确"},
    {"Not quite", "答错了"},
    {"true", "对"},
    {"false", "错"},
    {"; ", "；"},
    {"You chose: %s", "你的答案：%s"},
    {"The answer: %s", "正确答案：%s"},
    {"Correct", "对"},
    {"Wrong", "错"},
    {"Missed", "漏选"},
    {"not matched", "未配对"},
    {"Right match: %s", "正确配对：%s"},
    {"Your matches", "你的配对"},
    {"Your choices", "你的选择"},
    {"How do we know?", "我们怎么知道？"},
    {"Your answer is saved.", "你的答案已保存。"},
    {"Your answer could not be saved: %s", "答案未能保存：%s"},
    {"Could not sign you in: %s", "无法登录：%s"},
    {"All", "全部"},
    {"Finish for now?", "先到这里吗？"},
    {"Instructor", "教师"},
    {"Back to the kiosk", "返回学习界面"},
    {"Your answers are kept. Tap your name next time to go on.", "你的答案已保存。下次点你的名字就能接着学。"},
    {"As a guest, you cannot come back to these answers.", "你以访客身份学习，以后无法回到这些答案。"},
    {"Keep studying", "继续学习"},
    {"Yes, finish", "是的，结束"},
    {"Is this you?", "是你吗？"},
    {"Yes, continue as %s", "是我，以%s继续"},
    {"No, change my name", "不是，改一下名字"},
    {"This name is on the list already. Not you? Add a letter to it.",
     "名单上已经有这个名字。不是你？请在名字后加一个字母。"},
    {"Your name could not be saved: %s", "你的名字未能保存：%s"},
    {"Your place could not be saved: %s", "你读到的位置未能保存：%s"},
    {"Your progress could not be read: %s", "无法读取你的学习进度：%s"},
    {"The class list could not be read: %s", "无法读取名单：%s"},
    {"The review questions could not be read: %s", "无法读取要复习的题目：%s"},
    {"no database", "没有数据库"},
    {"Unit finished", "本单元完成"},
    {"You scored %s out of %d.", "得分：%s / %d。"},
    {"Worth another look", "值得再看一遍"},
    {"These questions come back for review tomorrow.", "这些题目明天会回来供你复习。"},
    {"These questions come back for review in %d days.", "这些题目 %d 天后会回来供你复习。"},
    {"Tap a question to see it again with its answer.", "点一道题，可以连同答案再看一遍。"},
    {"Back to my results", "返回我的成绩"},
    {"You answered every question right.", "你全部答对了。"},
    {"For discussion", "讨论题"},
    {"This question is for discussion; it is not scored.", "这道题用于讨论，不计分。"},
    {"Continue", "继续"},
    {"Are you still there?", "你还在吗？"},
    {"Your answers are saved. Tap to keep going.", "你的答案都已保存。轻触即可继续。"},
    {"I'm still here", "我还在"},
    {"Tap each item on the left, then its match on the right.",
     "先点左边的一项，再点右边与之对应的一项。"},
    {"Type your answer.", "请输入答案。"},
    {"Type a number.", "请输入数字。"},
    {"Clear", "清除"},
    {"No course is installed. Ask your instructor to load a content pack.",
     "尚未安装课程。请讲师导入内容包。"},
    {"Sources", "参考来源"},
    {"%d questions", "%d 道题"},
    {"Review: %d questions are waiting", "复习：%d 道题等待复习"},
    {"Review: 1 question is waiting", "复习：1 道题等待复习"},
    {"Start review", "开始复习"},
    {"Finish", "结束"},
    {"Close", "关闭"},
    {"Choose an answer first", "请先选一个答案"},
    {"Match every item first", "请先把每一项配好对"},
    {"Type your answer first", "请先输入答案"},
    {"Delete", "删除"},
    {"Shift", "大写"},
    {"Space", "空格"},
    {"Pinyin", "拼音"},
    {"Type the pinyin, then tap a character.", "输入拼音，再点选汉字。"},
    {"No characters for this pinyin.", "没有与这个拼音对应的汉字。"},
    {"Add my name", "添加我的名字"},
    {"Your name or a nickname", "你的名字或昵称"},
    {"Only this kiosk keeps it, so that you can come back to your place.",
     "名字只保存在这台设备上，方便你下次接着学。"},
    {"Start", "开始"},
    {"Review finished", "复习完成"},
    {"You stopped at: %s", "上次学到：%s"},
    {"Continue reading", "继续阅读"},
    {"Cancel", "取消"},
    {"OK", "确定"},
    {"Enter the instructor's PIN", "请输入教师 PIN 码"},
    {"Choose the instructor's PIN: 4 to 8 digits", "请设置教师 PIN 码：4 到 8 位数字"},
    {"Type the same PIN again", "请再输入一次同样的 PIN 码"},
    {"The PIN could not be read, so it can be neither checked nor set now.",
     "无法读取 PIN 码，现在既不能验证，也不能设置。"},
    {"Try again in %d s", "请 %d 秒后再试"},
    {"Wrong PIN", "PIN 码错误"},
    {"Wrong PIN (%d failed tries in a row)", "PIN 码错误（已连续输错 %d 次）"},
    {"The two PINs differ. Choose one again.", "两次输入的 PIN 码不一致，请重新设置。"},
    {"The PIN could not be read: %s", "无法读取 PIN 码：%s"},
    {"The PIN could not be checked: %s", "无法验证 PIN 码：%s"},
    {"The PIN could not be kept: %s", "无法保存 PIN 码：%s"},
    {"Roster", "学员名单"},
    {"Settings", "设置"},
    {"Save", "保存"},
    {"Rename", "改名"},
    {"Add a name", "添加名字"},
    {"Merge into another", "合并到另一条"},
    {"Remove", "删除"},
    {"Keep", "保留"},
    {"Remove for good", "永久删除"},
    {"Keep both", "两条都保留"},
    {"Merge", "合并"},
    {"The roster could not be read: %s", "无法读取学员名单：%s"},
    {"The roster could not be changed: %s", "无法修改学员名单：%s"},
    {"%s is on the roster already.", "名单里已经有%s了。"},
    {"%s: a name is at most 40 characters, without tabs or line breaks.",
     "%s：名字最多 40 个字符，不能含制表符或换行。"},
    {"Renamed to %s.", "已改名为%s。"},
    {"%s was added.", "已添加%s。"},
    {"%s was removed.", "已删除%s。"},
    {"Merged into %s.", "已合并到%s。"},
    {"Remove this name?", "删除这个名字吗？"},
    {"Their answers and progress are deleted from this kiosk for good.",
     "此人的答题记录和学习进度将从本机永久删除。"},
    {"Merge these two?", "合并这两条吗？"},
    {"The answers of the first move to the second, and the first leaves the roster.",
     "前一条的答题记录将转到后一条名下，前一条从名单中移除。"},
    {"Tap the entry to merge %s into.", "请点选要把%s合并到的那一条。"},
    {"Import names from a file", "从文件导入名单"},
    {"%d names", "共 %d 人"},
    {"Import names", "导入名单"},
    {"no name in this row", "这一行没有名字"},
    {"the name is not UTF-8 text", "名字不是 UTF-8 文本"},
    {"the name holds a control character", "名字含有控制字符"},
    {"the name is longer than 40 characters", "名字超过 40 个字符"},
    {"a quote is opened and never closed", "引号没有闭合"},
    {"several columns, and none is called name", "有多列，但没有名为 name 的列"},
    {"The file could not be read: %s", "无法读取文件：%s"},
    {"%s: %d names added, %d on the roster already, %d rows left out.",
     "%s：新增 %d 人，%d 人已在名单中，%d 行未导入。"},
    {"Tap the file to import: a CSV file with one name a row, or a column called name.",
     "请点选要导入的文件：CSV 文件，每行一个名字，或有一列名为 name。"},
    {"No CSV file was found. Put the class list on a USB stick and plug it in.",
     "没有找到 CSV 文件。请把班级名单存到 U 盘上，再插到本机。"},
    {"The settings could not be read: %s", "无法读取设置：%s"},
    {"The setting could not be kept: %s", "无法保存设置：%s"},
    {"A participant starts in", "学员开始时使用的语言"},
    {"Minutes without a touch before the kiosk asks whether anyone is still there",
     "无人触碰多少分钟后，询问是否还有人在使用"},
    {"Normal", "标准"},
    {"Large", "大"},
    {"Larger", "特大"},
    {"Text size a participant starts with", "学员开始时的字号"},
    {"The kiosk's name", "本机名称"},
    {"(no name)", "（未命名）"},
    {"Change", "修改"},
    {"%s: a kiosk's name is at most 32 characters.", "%s：本机名称最多 32 个字符。"},
    {"Leave the kiosk", "退出学习机程序"},
    {"Leave the kiosk?", "退出学习机程序吗？"},
    {"The kiosk program ends. Participants cannot use it until it is started again.",
     "学习机程序将关闭，重新启动之前学员无法使用。"},
    {"Leave", "退出"},
    {"Stay", "留下"},
    {"Chinese", "中文"},
    {"English", "英文"},
};

/* Symbols the screens draw outside the catalogue (ticks, arrows, the
 * cursor, list markers), for the font coverage test. */
const char *tr_symbols(void)
{
    return "□■→▏•…◐";
}

const char *tr_lang(Lang l, const char *en)
{
    if (l == LANG_EN)
        return en;
    for (size_t i = 0; i < MB_COUNT(catalog); i++)
        if (!strcmp(catalog[i].en, en))
            return catalog[i].zh;
    mb_log(LOG_WARN, "no Chinese translation for \"%s\"", en);
    return en;
}

const char *tr(Ui *ui, const char *en)
{
    return tr_lang(ui->lang, en);
}

size_t tr_catalog_size(void)
{
    return MB_COUNT(catalog);
}

const char *tr_catalog_en(size_t i)
{
    return catalog[i].en;
}

const char *tr_catalog_zh(size_t i)
{
    return catalog[i].zh;
}
