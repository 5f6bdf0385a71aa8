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
    /* the instructor's sessions, results, discussion and exports */
    {"Sessions", "研讨课"},
    {"Seminar %s", "%s研讨课"},
    {"The sessions could not be read: %s", "无法读取研讨课：%s"},
    {"The session could not be started: %s", "未能开始研讨课：%s"},
    {"The session could not be ended: %s", "未能结束研讨课：%s"},
    {"The session ended, but the backup failed: %s", "研讨课已结束，但备份失败：%s"},
    {"Open session", "进行中的研讨课"},
    {"Started %s · answers so far: %lld", "开始于%s · 目前答案数：%lld"},
    {"No units chosen", "未选择单元"},
    {"Units it covers", "涵盖的单元"},
    {"End session", "结束研讨课"},
    {"Title", "标题"},
    {"Done", "完成"},
    {"Change", "修改"},
    {"Units it covers (tap to tick)", "涵盖的单元（点击勾选）"},
    {"Start the session", "开始研讨课"},
    {"End this session?", "结束这次研讨课吗？"},
    {"Answers given after this belong to no session. The kiosk makes a backup now.",
     "此后提交的答案不属于任何研讨课。设备会立即备份。"},
    {"Yes, end it", "是的，结束"},
    {"No, keep it open", "不，继续进行"},
    {"Class results", "全班结果"},
    {"Discussion", "课堂讨论"},
    {"The results could not be read: %s", "无法读取结果：%s"},
    {"%d of %d right · facility %d%% · discrimination %s", "答对 %d/%d · 难度指数 %d%% · 区分度 %s"},
    {"Chosen wrongly %d×: %s", "错选 %d 次：%s"},
    {"Participants", "学员"},
    {"Hide names", "隐藏姓名"},
    {"Show names", "显示姓名"},
    {"%s: %d of %d questions, %.1f of %.1f points", "%s：已答 %d/%d 题，得分 %.1f/%.1f"},
    {"All answers", "全部答案"},
    {"%d participants · %d answers", "%d 名学员 · %d 个答案"},
    {"Facility index: the share of the possible points the class got. Low means the question was hard.",
     "难度指数：全班得分占满分的比例。数值低说明这道题较难。"},
    {"Discrimination index: whether those who did well on the rest did well on this question too. Near zero or below: it does not tell them apart.",
     "区分度：其他题答得好的学员，这道题是否也答得好。接近零或为负：这道题区分不出学员的水平。"},
    {"No answers yet.", "还没有答案。"},
    {"Earlier session", "上一次研讨课"},
    {"Later session", "下一次研讨课"},
    {"Previous", "上一题"},
    {"Next", "下一题"},
    {"Answers: %d", "答案数：%d"},
    {"Export", "导出"},
    {"Include names", "包含姓名"},
    {"To: %s", "导出到：%s"},
    {"No USB stick found. Put one in, then tap Look again.", "没有找到 U 盘。请插入 U 盘，再点“重新查找”。"},
    {"Writing the files…", "正在写入文件…"},
    {"Safe to remove. The files are in %s", "可以安全拔出。文件在 %s"},
    {"The export failed, and no file of it was left: %s. Is the stick full or removed?",
     "导出失败，未留下任何文件：%s。U 盘是否已满或已被拔出？"},
    {"Look again", "重新查找"},
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
