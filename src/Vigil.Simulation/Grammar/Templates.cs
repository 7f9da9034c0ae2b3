using Vigil.Model;
using static Vigil.Model.ContentCode;
using static Vigil.Model.Explicitness;

namespace Vigil.Simulation.Grammar;

/// <summary>
/// The built-in English grammar, written for this project (nothing here is taken from a data set). Hateful patterns are
/// generic and aimed at groups, never at real private people; they are as offensive as a detector's test bed needs and
/// no more. Patterns that quote hateful words to condemn or report them are labelled by what the post does.
/// </summary>
internal static class Templates
{
    public static IReadOnlyDictionary<string, string[]> Slots { get; } = new Dictionary<string, string[]>
    {
        // --- shared decoration --------------------------------------------------------------------------------------
        ["open"] = ["", "", "", "", "Ok. ", "Hot take. ", "Seriously. ", "Morning all. ", "Thread. ", "Well. "],
        ["close"] = ["", "", "", "", " {emoji}", " {emoji}{emoji}", "!", "."],
        ["emoji"] = ["😂", "🙌", "😩", "🔥", "☕", "👀", "🤷", "💯", "🙏", "😤", "🤔", "👏"],
        ["city"] = ["London", "Berlin", "Paris", "Toronto", "Chicago", "Sydney", "Madrid", "Warsaw", "Manchester",
            "Melbourne", "Vienna", "Buenos Aires", "Amsterdam", "Montreal", "Boston", "Antwerp"],
        ["day"] = ["today", "this morning", "tonight", "this weekend", "on Monday", "all week", "yesterday"],
        ["home"] = ["this country", "America", "Britain", "France", "Canada", "Australia", "Germany"],

        // --- benign chatter ---------------------------------------------------------------------------------------
        ["team"] = ["the Rovers", "City", "United", "the Hawks", "the Wolves", "the Tigers", "the home side", "our lads",
            "the Falcons", "Athletic"],
        ["score"] = ["2-1", "3-0", "1-1", "0-2", "4-3", "a late winner", "a penalty in stoppage time"],
        ["food"] = ["shakshuka", "ramen", "lasagne", "banana bread", "tacos", "pho", "a curry", "sourdough", "falafel",
            "bagels", "pancakes", "dumplings", "a roast"],
        ["weather"] = ["rain", "snow", "fog", "sunshine", "wind", "sleet", "hail", "drizzle"],
        ["gadget"] = ["my phone", "the new laptop", "this router", "my smartwatch", "the printer", "the latest update",
            "my headphones", "the smart speaker"],
        ["gadget_problem"] = ["keeps crashing", "died again", "won't connect", "is somehow slower than before",
            "ate my settings", "needs a restart every hour"],
        ["hobby"] = ["running", "knitting", "birdwatching", "chess", "gardening", "climbing", "baking", "cycling"],
        ["mood"] = ["Best part of my week", "Can't complain", "Needed that", "Honestly underrated", "10/10 would do again",
            "Not my finest moment"],

        // --- news and politics in general -------------------------------------------------------------------------
        ["country"] = ["Hungary", "Poland", "India", "Brazil", "the US", "the UK", "France", "Turkey", "Iran", "Russia",
            "China", "Mexico", "Egypt", "Italy"],
        ["news_event"] = ["storm warning issued", "transport strike called", "central bank holds rates",
            "new stadium approved", "power cut hits thousands", "election date announced", "bridge closed for repairs",
            "heatwave record broken", "hospital waiting lists grow"],
        ["gov"] = ["The government", "The cabinet", "The prime minister", "The ruling party", "The interior ministry"],
        ["gov_act"] = ["is gutting the courts", "keeps jailing journalists", "rigged the district maps",
            "is cutting pensions again", "ignored the flood warnings", "is censoring the press",
            "broke every promise it made"],

        // --- Israel: policy, protest, rights ----------------------------------------------------------------------
        ["isgov"] = ["Israel's government", "Netanyahu's coalition", "Israel's cabinet", "Israel's far-right ministers",
            "Netanyahu's cabinet", "Israel's defence ministry"],
        ["policy"] = ["the judicial overhaul", "settlement expansion in the West Bank", "the blockade of Gaza",
            "the bombing of residential blocks", "home demolitions in East Jerusalem", "administrative detention",
            "new settlement outposts", "restrictions on aid convoys", "the annexation plans"],
        ["criticise"] = ["is wrong", "has to stop", "is a disgrace", "deserves every bit of criticism it gets",
            "makes everyone less safe", "breaks international law", "is indefensible"],
        ["rights"] = ["equal rights", "freedom of movement", "safety and dignity", "a state of their own",
            "clean water and electricity", "the right to return home", "an end to the occupation"],
        ["place"] = ["Gaza", "the West Bank", "Hebron", "Jenin", "Rafah", "Nablus", "East Jerusalem"],
        ["aid"] = ["food", "medicine", "clean water", "fuel for hospitals", "shelter", "a ceasefire"],
        ["brand"] = ["settlement-made goods", "companies that build in the settlements", "that dates brand from the settlements",
            "firms supplying the occupation", "settlement wineries"],

        // --- contested --------------------------------------------------------------------------------------------
        ["nazi_like"] = ["no different from the Nazis", "just like the Third Reich", "straight out of 1930s Germany",
            "the new Nazis", "following the Nazi playbook"],

        // --- reporting, counter-speech, education ------------------------------------------------------------------
        ["hate_quote"] = ["Jews control the banks", "Hitler was right", "gas the Jews", "Zionists run the world",
            "the Holocaust is a lie", "Jews will not replace us", "(((they))) own the media"],
        ["trope"] = ["Jews control the media", "Jewish bankers run the world", "the Jews killed Jesus",
            "Jews are more loyal to Israel", "blood libel", "the Protocols"],
        ["problem"] = ["inflation", "the war", "the pandemic", "the housing crisis", "unemployment", "what Israel does"],
        ["pct"] = ["12", "18", "25", "30", "40", "60", "85"],
        ["museum"] = ["Yad Vashem", "the Anne Frank House", "the Holocaust memorial museum", "Auschwitz-Birkenau",
            "the Jewish Museum", "the Wiener Holocaust Library"],
        ["remember_fact"] = ["six million Jews were murdered", "1.5 million of the victims were children",
            "whole communities across Europe vanished", "Roma, disabled people and others were murdered too"],
        ["jewish_joy"] = ["Shabbat shalom", "Happy Hanukkah to everyone celebrating", "Chag sameach",
            "Proud to light the menorah with my kids", "Our synagogue's food drive beat its target",
            "Grandma's challah recipe finally worked", "Celebrating my daughter's bat mitzvah"],
        ["israel_neutral"] = ["Flying to Tel Aviv for a tech conference", "Israel play {team} in the qualifiers {day}",
            "Reading a history of the Jewish community of {city}", "The Dead Sea is sinking a metre a year",
            "Learning Hebrew on an app, day 40", "Israeli startup raises another funding round"],

        // --- hateful material (generic, group-level) ---------------------------------------------------------------
        ["jews_h"] = ["The Jews", "Jews", "These people", "Jewish elites", "The Jewish elite", "Jewish bankers"],
        ["jews_obf"] = ["J3ws", "Jewz", "J*ws", "Joos", "J00s", "The J-word people"],
        ["echo"] = ["(((they)))", "(((the globalists)))", "(((them)))", "(((the bankers)))", "(((the usual suspects)))"],
        ["institution"] = ["the media", "the banks", "Hollywood", "the central bank", "Congress", "big tech",
            "the money supply", "the UN", "both parties", "the universities", "the porn industry"],
        ["puppet"] = ["the globalists", "international bankers", "a tiny cabal", "the Zionist lobby", "the money men"],
        ["financier"] = ["George Soros", "the Rothschilds", "Soros and his foundations"],
        ["wake"] = ["Wake up.", "Do your own research.", "Open your eyes.", "Nobody wants to say it.", "Look it up.",
            "Think about it.", "Notice the pattern."],
        ["vermin"] = ["vermin", "parasites", "rats", "a disease", "a cancer on society", "subhuman", "cockroaches"],
        ["incite"] = ["should be driven out", "need to be dealt with for good", "deserve a bullet",
            "should be burned out of their homes", "must be wiped out", "should be hunted down"],
        ["deny"] = ["The six million figure is a lie", "The gas chambers never existed", "The Holocaust is a hoax",
            "Nobody was gassed at Auschwitz", "The Holocaust never happened", "The diaries were forged"],
        ["distort"] = ["Jews exaggerate the Holocaust for money", "The Holocaust was no worse than any other war",
            "They milk the Holocaust for sympathy", "The Holocaust industry keeps the guilt trip going",
            "Far fewer died than they claim, and mostly of disease"],
        ["official"] = ["senator", "minister", "judge", "MP", "adviser", "journalist", "general"],
        ["victims"] = ["Palestinian children", "Gazan babies", "Arab prisoners", "innocent villagers"],
        ["libel"] = ["harvests the organs of {victims}", "drinks the blood of {victims}",
            "kills {victims} for ritual", "poisons the wells of {victims}", "murders {victims} for sport"],
        ["slur"] = ["kikes", "yids", "hymies", "heebs"],
        ["slur_rest"] = ["everywhere you look", "running everything", "ruining {home}", "get out", "are the problem",
            "again, every time"],
        ["other_group"] = ["migrants", "Muslims", "Black people", "gay people", "trans people", "refugees", "the Roma",
            "Asians", "Mexicans"],
        ["other_blame"] = ["every crime in {city}", "the rising rents", "the disease outbreak", "the lost jobs",
            "the collapse of our towns"],
    };

    public static IReadOnlyList<TextTemplate> All { get; } =
    [
        // None: benign chatter, news, criticism of other governments, Jewish life and neutral mentions.
        T(None, Target.None, NotApplicable, "{open}{team} won {score} {day}, what a game{close}"),
        T(None, Target.None, NotApplicable, "{open}Can't believe {team} lost {score}. Season's over{close}"),
        T(None, Target.None, NotApplicable, "{open}Made {food} {day}. {mood}{close}"),
        T(None, Target.None, NotApplicable, "{open}Anyone else craving {food} {day}?{close}"),
        T(None, Target.None, NotApplicable, "{open}{weather} in {city} {day}, of course{close}"),
        T(None, Target.None, NotApplicable, "{open}Forecast says {weather} {day}. Staying in with {food}{close}"),
        T(None, Target.None, NotApplicable, "{open}{gadget} {gadget_problem}{close}"),
        T(None, Target.None, NotApplicable, "{open}Took up {hobby} {day}. {mood}{close}"),
        T(None, Target.None, NotApplicable, "{open}{city}: {news_event}{close}"),
        T(None, Target.None, NotApplicable, "Breaking: {news_event} in {country}"),
        T(None, Target.None, NotApplicable, "{open}{gov} of {country} {gov_act}{close}"),
        T(None, Target.None, NotApplicable, "{gov} {gov_act} and people in {country} are fed up{close}"),
        T(None, Target.JewsCollective, NotApplicable, "{jewish_joy}{close}"),
        T(None, Target.JewsCollective, NotApplicable, "{open}{jewish_joy} from {city}{close}"),
        T(None, Target.IsraelState, NotApplicable, "{israel_neutral}{close}"),

        // Israel policy criticism: protected political speech.
        T(IsraelPolicyCriticism, Target.IsraelState, Explicit, "{open}{isgov} and {policy}: it {criticise}{close}"),
        T(IsraelPolicyCriticism, Target.IsraelState, Explicit, "{open}Hundreds of thousands of Israelis are protesting {policy} in the streets, and they are right{close}"),
        T(IsraelPolicyCriticism, Target.IsraelState, Explicit, "{open}I support Israel's right to exist and I oppose {policy}. Both can be true{close}"),
        T(IsraelPolicyCriticism, Target.IsraelState, Explicit, "Make no mistake: {policy} is a disaster for Israelis and Palestinians alike{close}"),
        T(IsraelPolicyCriticism, Target.IsraelState, Explicit, "{open}{isgov} should be sanctioned over {policy}, like any other government would be{close}"),
        T(IsraelPolicyCriticism, Target.IsraelState, Explicit, "Reservists in Tel Aviv refusing to serve over {policy}. {isgov} {criticise}{close}"),

        // Palestinian-rights advocacy: protected political speech.
        T(PalestinianRightsAdvocacy, Target.None, Explicit, "{open}Palestinians in {place} deserve {rights}{close}"),
        T(PalestinianRightsAdvocacy, Target.None, Explicit, "Ceasefire now. Families in {place} need {aid}{close}"),
        T(PalestinianRightsAdvocacy, Target.None, Explicit, "{open}Marching in {city} {day} for {rights} for Palestinians{close}"),
        T(PalestinianRightsAdvocacy, Target.None, Explicit, "Let the trucks with {aid} into {place}{close}"),
        T(PalestinianRightsAdvocacy, Target.None, Explicit, "{open}Every child in {place} deserves {rights}, same as every child in Israel{close}"),

        // Contested: boycott, denial of self-determination, Nazi comparisons of Israel.
        T(BoycottAdvocacy, Target.IsraelState, Explicit, "{open}Boycott {brand} until {policy} ends{close}"),
        T(BoycottAdvocacy, Target.IsraelState, Explicit, "Our union in {city} voted to divest from {brand}{close}"),
        T(BoycottAdvocacy, Target.IsraelState, Explicit, "{open}Support BDS. Don't buy from {brand}{close}"),
        T(BoycottAdvocacy, Target.IsraelState, Explicit, "Universities in {home} should cut ties with {brand}{close}"),
        T(DenialOfSelfDetermination, Target.IsraelState, Explicit, "{open}Israel has no right to exist as a Jewish state{close}"),
        T(DenialOfSelfDetermination, Target.Zionists, Explicit, "{open}Zionism was illegitimate from day one, and {policy} proves it{close}"),
        T(DenialOfSelfDetermination, Target.IsraelState, Explicit, "A Jewish state should never have been created. One state, no exceptions{close}"),
        T(DenialOfSelfDetermination, Target.Zionists, Explicit, "{open}Zionism is racism, full stop{close}"),
        T(NaziComparison, Target.IsraelState, Explicit, "{open}{isgov} are {nazi_like}{close}"),
        T(NaziComparison, Target.IsraelState, Explicit, "What is happening in {place} is {nazi_like}{close}"),
        T(NaziComparison, Target.IsraelState, Explicit, "{open}Today {place} is a modern Warsaw Ghetto and {isgov} built it{close}"),
        T(NaziComparison, Target.IsraelState, Explicit, "Honestly, {policy}? That's {nazi_like}{close}"),

        // Exempt context: counter-speech, quotation and reporting, education.
        T(CounterSpeech, Target.JewsCollective, Explicit, "{open}Blaming Jews for {problem} is antisemitism, plain and simple{close}"),
        T(CounterSpeech, Target.JewsCollective, Explicit, "The '{trope}' myth is an old antisemitic lie. Stop spreading it{close}"),
        T(CounterSpeech, Target.JewsCollective, Explicit, "{open}Saw someone post '{hate_quote}' {day}. Reported. This is not OK{close}"),
        T(CounterSpeech, Target.JewsCollective, Explicit, "Criticise {isgov} all you like, but don't blame Jews in {city} for it{close}"),
        T(CounterSpeech, Target.JewsCollective, Explicit, "{open}Antisemitism is rising in {city}. Stand with your Jewish neighbours{close}"),
        T(CounterSpeech, Target.JewsCollective, Explicit, "No, '{trope}' is not 'just asking questions'. It's hate{close}"),
        T(QuotationReporting, Target.JewsCollective, Explicit, "Police in {city} investigating graffiti reading '{hate_quote}' on a synagogue"),
        T(QuotationReporting, Target.JewsCollective, Explicit, "Report: antisemitic incidents in {home} up {pct}% on last year"),
        T(QuotationReporting, Target.JewsCollective, Explicit, "A councillor in {city} was suspended after posting '{hate_quote}'"),
        T(QuotationReporting, Target.JewsCollective, Explicit, "Court hears defendant shouted '{hate_quote}' outside a Jewish school in {city}"),
        T(QuotationReporting, Target.JewsCollective, Explicit, "Marchers in {city} chanted '{hate_quote}', witnesses say. Video verified by our newsroom"),
        T(Education, Target.JewsCollective, Explicit, "{open}Today we remember: {remember_fact}. Never again{close}"),
        T(Education, Target.JewsCollective, Explicit, "Visited {museum} {day}. Everyone should learn what happened{close}"),
        T(Education, Target.JewsCollective, Explicit, "The Protocols of the Elders of Zion was a forgery, exposed over a century ago. Here is how it spread{close}"),
        T(Education, Target.JewsCollective, Explicit, "Thread: where the '{trope}' myth came from, and why it still matters{close}"),
        T(Education, Target.JewsCollective, Explicit, "{open}Teaching my class about the Holocaust {day}: {remember_fact}{close}"),

        // Agreed antisemitic.
        T(ConspiracyControlTrope, Target.JewsCollective, Explicit, "{open}{jews_h} control {institution}. {wake}{close}"),
        T(ConspiracyControlTrope, Target.JewsCollective, Explicit, "Funny how {institution} and {institution} are all run by {jews_h}. {wake}"),
        T(ConspiracyControlTrope, Target.JewishIndividual, Explicit, "It's {financier} pulling the strings behind {institution}. {wake}{close}"),
        T(ConspiracyControlTrope, Target.JewishIndividual, Explicit, "Who do you think pays for the protests in {city}? {financier}. {wake}"),
        T(ConspiracyControlTrope, Target.JewsCollective, Explicit, "{open}It's {puppet} who decide who wins elections in {home}. {wake}"),
        T(ConspiracyControlTrope, Target.JewsCollective, Explicit, "Every war is planned by {puppet} to get richer. {wake}{close}"),
        T(ConspiracyControlTrope, Target.Zionists, Explicit, "{open}Zionists own {institution} and {institution}. {wake}"),
        T(ConspiracyControlTrope, Target.JewsCollective, Obfuscated, "{jews_obf} run {institution}. {wake}{close}"),
        T(Dehumanization, Target.JewsCollective, Explicit, "{open}{jews_h} are {vermin}{close}"),
        T(Dehumanization, Target.JewsCollective, Explicit, "{jews_h} spread through {city} like {vermin}. {wake}"),
        T(Dehumanization, Target.Zionists, Explicit, "Zionists are {vermin}, not people{close}"),
        T(Dehumanization, Target.JewsCollective, Obfuscated, "{jews_obf} are {vermin}{close}"),
        T(CollectiveBlame, Target.JewsCollective, Explicit, "{open}Every Jew in {city} is responsible for what happens in {place}{close}"),
        T(CollectiveBlame, Target.JewsCollective, Explicit, "{jews_h} caused {problem}, and they know it. {wake}"),
        T(CollectiveBlame, Target.JewishInstitution, Explicit, "The synagogue in {city} should answer for {policy}{close}"),
        T(CollectiveBlame, Target.JewsCollective, Explicit, "{open}Don't feel sorry for Jews in {home}. They all cheer for {policy}{close}"),
        T(HolocaustDenial, Target.JewsCollective, Explicit, "{open}{deny}. {wake}{close}"),
        T(HolocaustDenial, Target.JewsCollective, Explicit, "{deny}, and they jail anyone who says so. {wake}"),
        T(HolocaustDenial, Target.JewsCollective, Obfuscated, "{deny} 🤥 #HoloHoax{close}"),
        T(HolocaustDistortion, Target.JewsCollective, Explicit, "{open}{distort}{close}"),
        T(HolocaustDistortion, Target.JewsCollective, Explicit, "{distort}. {wake}"),
        T(HolocaustDistortion, Target.JewsCollective, Explicit, "Tired of hearing about the Holocaust. {distort}{close}"),
        T(DualLoyalty, Target.JewishIndividual, Explicit, "{open}That Jewish {official} is more loyal to Israel than to {home}{close}"),
        T(DualLoyalty, Target.JewsCollective, Explicit, "You can't trust a Jewish {official}. Their first loyalty is to Israel. {wake}"),
        T(DualLoyalty, Target.JewsCollective, Explicit, "Every Jewish {official} in {home} answers to Tel Aviv{close}"),
        T(ClassicTropeAppliedToIsrael, Target.IsraelState, Explicit, "{open}Israel {libel}{close}"),
        T(ClassicTropeAppliedToIsrael, Target.IsraelState, Explicit, "The IDF {libel}. {wake}"),
        T(ClassicTropeAppliedToIsrael, Target.IsraelState, Explicit, "The Zionist entity {libel}, same as it ever was{close}"),
        T(AntisemiticSlur, Target.JewsCollective, Explicit, "{open}{slur} {slur_rest}{close}"),
        T(AntisemiticSlur, Target.JewsCollective, Explicit, "Bunch of {slur} in {city} {day}. {wake}"),
        T(AntisemiticSlur, Target.JewsCollective, Explicit, "Of course the {official} is one of the {slur}{close}"),
        T(CodedAntisemitism, Target.JewsCollective, Obfuscated, "{open}{echo} own {institution}{close}"),
        T(CodedAntisemitism, Target.JewsCollective, Obfuscated, "Guess who runs {institution}? {echo}. {wake}"),
        T(CodedAntisemitism, Target.JewsCollective, Obfuscated, "109 countries can't all be wrong. {wake}{close}"),
        T(CodedAntisemitism, Target.JewsCollective, Obfuscated, "ZOG controls {institution}. {wake}"),
        T(CodedAntisemitism, Target.JewsCollective, Contextual, "New head of {institution}? Early life section checks out 🤔"),
        T(CodedAntisemitism, Target.JewsCollective, Contextual, "{institution} scandal again. Every single time{close}"),
        T(CodedAntisemitism, Target.JewsCollective, Obfuscated, "The Khazarian mafia runs {institution}. {wake}"),
        T(IncitementViolence, Target.JewsCollective, Explicit, "{open}{jews_h} {incite}{close}"),
        T(IncitementViolence, Target.JewishInstitution, Explicit, "Somebody should torch the synagogue in {city}{close}"),
        T(IncitementViolence, Target.Zionists, Explicit, "Every Zionist in {city} {incite}{close}"),
        T(IncitementViolence, Target.JewsCollective, Obfuscated, "{jews_obf} {incite}{close}"),

        // Hate toward other protected groups.
        T(OtherGroupHate, Target.OtherProtectedGroup, Explicit, "{open}Honestly, {other_group} are {vermin}{close}"),
        T(OtherGroupHate, Target.OtherProtectedGroup, Explicit, "All {other_group} {incite}{close}"),
        T(OtherGroupHate, Target.OtherProtectedGroup, Explicit, "Blame {other_group} for {other_blame}. {wake}"),
        T(OtherGroupHate, Target.OtherProtectedGroup, Explicit, "{open}Face it, {other_group} are ruining {home}. Send them all back{close}"),
    ];

    private static TextTemplate T(ContentCode code, Target target, Explicitness explicitness, string pattern) =>
        new(code, target, explicitness, pattern);
}
