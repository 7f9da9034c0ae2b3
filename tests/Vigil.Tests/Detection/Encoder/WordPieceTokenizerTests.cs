using Vigil.Detection.Encoder;

namespace Vigil.Tests.Detection.Encoder;

public sealed class WordPieceTokenizerTests
{
    private static readonly WordPieceTokenizer Tokenizer = WordPieceTokenizer.Load(BaseEncoder.LoadDefault().Vocabulary);

    private static (int[] Ids, (int Start, int Length)[] Spans) Encode(string text, int maxTokens = 64)
    {
        var ids = new int[maxTokens];
        var spans = new (int, int)[maxTokens];
        var count = Tokenizer.Encode(text, maxTokens, ids, spans);
        return (ids[..count], spans[..count]);
    }

    [Fact]
    public void Gives_the_reference_ids_of_the_uncased_BERT_vocabulary()
    {
        // bert-base-uncased's vocabulary, which all-MiniLM-L6-v2 uses: hello 7592, "," 1010, world 2088, "!" 999,
        // "don" "'" "t" (punctuation splits a word), and "148" "##8" for a number the vocabulary lacks whole.
        Assert.Equal([101, 7592, 1010, 2088, 999, 102], Encode("hello, world!").Ids);
        Assert.Equal([101, 2123, 1005, 1056, 102], Encode("don't").Ids);
        Assert.Equal([101, 16459, 2620, 102], Encode("1488").Ids);
        Assert.Equal(30522, Tokenizer.VocabularySize);
    }

    [Fact]
    public void Follows_the_reference_where_Microsoft_ML_Tokenizers_does_not()
    {
        // An emoji is part of its word, and a word with no WordPiece split is one [UNK]: "a🐀b" is one [UNK], not "a b".
        Assert.Equal([Tokenizer.ClsId, Tokenizer.UnknownId, Tokenizer.SepId], Encode("a🐀b").Ids);
        // A zero-width space is a format char: removed, so the word around it stays whole.
        Assert.Equal(Encode("xy").Ids, Encode("x\u200by").Ids);
        // A lone surrogate is removed, not an exception.
        Assert.Equal(Encode("ab").Ids, Encode("a\ud83db").Ids);
        // Combining marks are stripped (the accent strip of the uncased model).
        Assert.Equal(Encode("cafe").Ids, Encode("cafe\u0301").Ids);
    }

    [Fact]
    public void Spans_name_the_characters_each_token_came_from()
    {
        const string text = "zionists, rule!  xxurl";
        var (ids, spans) = Encode(text);
        var pieces = spans.Skip(1).SkipLast(1).Select(s => text.Substring(s.Start, s.Length)).ToArray();
        // "zionist" "##s", ",", "rule", "!", "xx" "##ur" "##l"
        Assert.Equal(["zionist", "s", ",", "rule", "!", "xx", "ur", "l"], pieces);
        Assert.Equal(ids.Length, spans.Length);
        Assert.Equal((0, 0), spans[0]);
        Assert.Equal((0, 0), spans[^1]);
    }

    [Fact]
    public void Cuts_long_text_but_keeps_the_separator()
    {
        var (ids, _) = Encode(string.Join(' ', Enumerable.Repeat("hello", 100)), maxTokens: 16);
        Assert.Equal(16, ids.Length);
        Assert.Equal(Tokenizer.ClsId, ids[0]);
        Assert.Equal(Tokenizer.SepId, ids[^1]);
        Assert.All(ids[1..^1], id => Assert.Equal(7592, id));
    }

    [Fact]
    public void A_word_over_a_hundred_chars_is_one_unknown_token()
    {
        Assert.Equal([Tokenizer.ClsId, Tokenizer.UnknownId, Tokenizer.SepId], Encode(new string('a', 101)).Ids);
        Assert.NotEqual(Tokenizer.UnknownId, Encode(new string('a', 100)).Ids[1]);
    }
}
