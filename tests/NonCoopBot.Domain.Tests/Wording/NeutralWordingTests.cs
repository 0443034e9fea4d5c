using NonCoopBot.Domain.Wording;

namespace NonCoopBot.Domain.Tests.Wording;

public sealed class NeutralWordingTests
{
    [Theory]
    [InlineData("The State violated its obligations.", "violated")]
    [InlineData("This is a breach of the Statute.", "breach")]
    [InlineData("Kenya failed to arrest him.", "failed")]
    [InlineData("Failure to cooperate", "Failure")]
    [InlineData("The State REFUSED.", "REFUSED")]
    [InlineData("An act of defiance", "defiance")]
    [InlineData("They defy the Court.", "defy")]
    [InlineData("Finding of non-compliance", "non-compliance")]
    [InlineData("Noncompliant State", "Noncompliant")]
    [InlineData("An uncooperative State", "uncooperative")]
    [InlineData("A non-cooperative State", "non-cooperative")]
    [InlineData("He is guilty.", "guilty")]
    [InlineData("An illegal visit", "illegal")]
    [InlineData("Unlawful conduct", "Unlawful")]
    [InlineData("They obstructed the arrest.", "obstructed")]
    [InlineData("Culpable officials", "Culpable")]
    [InlineData("We condemn this.", "condemn")]
    [InlineData("Who is to blame?", "blame")]
    [InlineData("Sanctions may follow.", "Sanctions")]
    [InlineData("No wrongdoing was found.", "wrongdoing")]
    [InlineData("Flouting the request", "Flouting")]
    [InlineData("A shameful episode", "shameful")]
    [InlineData("A disgrace", "disgrace")]
    [InlineData("To evade arrest", "evade")]
    [InlineData("Evasion of justice", "Evasion")]
    [InlineData("Harbouring a suspect", "Harbouring")]
    [InlineData("harboring a suspect", "harboring")]
    public void Judging_words_are_found(string text, string expected) =>
        Assert.Equal([expected], NeutralWording.FindJudgingWords(text));

    [Theory]
    [InlineData("Good offices triggered for NC-2026-001: Kenya, request for arrest and surrender (art. 89), ICC-02/05-01/09.")]
    [InlineData("The President reports on non-cooperation procedures (para 20).")]
    [InlineData("NonCoopBot: Non-cooperation matter NC-2026-002 opened.")]
    [InlineData("Please acknowledge by 14:00 New York time.")]
    [InlineData("The requested State was reminded of article 97 consultations.")]
    [InlineData("Sailfish, fairness, the Blamey Street office, unblemished")]
    [InlineData("The message could not be delivered; it will be sent again.")]
    [InlineData("International Criminal Court")]
    [InlineData("")]
    public void Neutral_text_passes(string text)
    {
        Assert.Empty(NeutralWording.FindJudgingWords(text));
        Assert.True(NeutralWording.IsNeutral(text));
    }

    [Fact]
    public void Each_word_is_reported_once_in_order_of_appearance()
    {
        var found = NeutralWording.FindJudgingWords("Refusal, then a breach, then another refusal and a violation.");

        Assert.Equal(["Refusal", "breach", "violation"], found);
    }

    [Fact]
    public void The_allowed_term_does_not_hide_a_judging_word_next_to_it()
    {
        Assert.Equal(["failure"], NeutralWording.FindJudgingWords("non-cooperation failure"));
    }
}
