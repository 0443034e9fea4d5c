using NonCoopBot.Dialogs.Cards;

namespace NonCoopBot.Dialogs.Tests.Cards;

/// <summary>Issue 7 item 8: text a person typed shows as typed but cannot act as markup.</summary>
public sealed class InertTextTests
{
    [Theory]
    [InlineData("[click](https://evil.example)", "\\[click\\]\\(https:\u200B//evil.\u200Bexample\\)")]
    [InlineData("<at>Bureau</at>", "\\<at\\>Bureau\\</at\\>")]
    [InlineData("**bold** _it_", "\\*\\*bold\\*\\* \\_it\\_")]
    [InlineData("`code`", "\\`code\\`")]
    [InlineData("${matter.reference}", "\\$\\{matter.\u200Breference\\}")]
    [InlineData("see www.evil.example", "see www\u200B.\u200Bevil.\u200Bexample")]
    [InlineData("mail a@evil", "mail a@\u200Bevil")]
    [InlineData("# Heading", "\\# Heading")]
    [InlineData("- item\n+ item", "\\- item\n\\+ item")]
    [InlineData("1. item", "1\\. item")]
    [InlineData("> quote", "\\> quote")]
    [InlineData("&lt;b&gt;", "\\&lt;b\\&gt;")]
    [InlineData("a | b ~~c~~ !x", "a \\| b \\~\\~c\\~\\~ \\!x")]
    public void MarkupInTypedText_IsEscaped_AndShowsAsTyped(string typed, string expected)
    {
        var inert = InertText.Of(typed);

        Assert.Equal(expected, inert);
        Assert.DoesNotContain("${", inert, StringComparison.Ordinal);
        Assert.Equal(typed, Unescape(inert)); // a CommonMark renderer drops the escapes: the person's text, as typed
    }

    [Theory]
    [InlineData("ICC-02/05-01/09")]
    [InlineData("Mr. A. Example-Officer")]
    [InlineData("Reported travel on 2 December.")]
    public void PlainText_IsUnchanged(string typed) => Assert.Equal(typed, InertText.Of(typed));

    [Fact]
    public void Null_IsEmpty() => Assert.Equal(string.Empty, InertText.Of(null));

    private static string Unescape(string inert)
    {
        var builder = new System.Text.StringBuilder();
        for (var i = 0; i < inert.Length; i++)
        {
            if (inert[i] == '\\' && i + 1 < inert.Length)
            {
                builder.Append(inert[++i]);
            }
            else if (inert[i] != '\u200B')
            {
                builder.Append(inert[i]);
            }
        }

        return builder.ToString();
    }
}
