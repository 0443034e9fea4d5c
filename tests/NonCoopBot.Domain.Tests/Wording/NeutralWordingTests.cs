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

/// <summary>Para 12 in French and Spanish: the same judgements are found in those languages, and neutral texts pass.</summary>
public sealed class NeutralWordingOtherLanguagesTests
{
    [Theory]
    [InlineData("L'État a violé ses obligations.", "violé")]
    [InlineData("Une violation du Statut", "violation")]
    [InlineData("Un manquement aux obligations", "manquement")]
    [InlineData("L'arrestation a échoué.", "échoué")]
    [InlineData("Un échec de la coopération", "échec")]
    [InlineData("Un État non coopératif", "non coopératif")]
    [InlineData("Un État non-coopératif", "non-coopératif")]
    [InlineData("Il est coupable.", "coupable")]
    [InlineData("Une visite illégale", "illégale")]
    [InlineData("Nous condamnons cette visite.", "condamnons")]
    [InlineData("Le refus de l'État", "refus")]
    [InlineData("Des sanctions suivront.", "sanctions")]
    [InlineData("Une attitude méprisante", "méprisante")]
    [InlineData("Ils ont entravé l'arrestation.", "entravé")]
    [InlineData("Un comportement déplorable", "déplorable")]
    [InlineData("Un comportement deplorable", "deplorable")]
    [InlineData("Le Statut a été bafoué.", "bafoué")]
    [InlineData("El Estado violó sus obligaciones.", "violó")]
    [InlineData("Una violación del Estatuto", "violación")]
    [InlineData("Una violacion del Estatuto", "violacion")]
    [InlineData("El incumplimiento de la solicitud", "incumplimiento")]
    [InlineData("Un Estado no cooperativo", "no cooperativo")]
    [InlineData("Es culpable.", "culpable")]
    [InlineData("Una visita ilegal", "ilegal")]
    [InlineData("Condenamos esta visita.", "Condenamos")]
    [InlineData("El Estado rehusó cooperar.", "rehusó")]
    [InlineData("La solicitud fue rechazada.", "rechazada")]
    [InlineData("Habrá sanciones.", "sanciones")]
    [InlineData("Un desacato a la Corte", "desacato")]
    [InlineData("La detención falló.", "falló")]
    [InlineData("Obstruyeron la detención.", "Obstruyeron")]
    [InlineData("Un escándalo", "escándalo")]
    public void Judging_words_are_found(string text, string expected) =>
        Assert.Equal([expected], NeutralWording.FindJudgingWords(text));

    [Theory]
    [InlineData("Bons offices déclenchés pour NC-2026-001 : Kenya, demande d'arrestation et de remise (art. 89).")]
    [InlineData("La Présidente rend compte des procédures de non-coopération (par. 20).")]
    [InlineData("Procédure de non coopération ouverte.")]
    [InlineData("Le message n'a pas pu être remis ; il sera renvoyé.")]
    [InlineData("Veuillez accuser réception avant 14:00, heure de New York.")]
    [InlineData("Se activaron los buenos oficios para NC-2026-001: Kenya, solicitud de detención y entrega (art. 89).")]
    [InlineData("El Presidente informa sobre los procedimientos relativos a la falta de cooperación (párr. 20).")]
    [InlineData("Procedimiento de no cooperación abierto.")]
    [InlineData("El mensaje no pudo entregarse; se enviará de nuevo.")]
    [InlineData("El fallo de la Sala de Cuestiones Preliminares")]
    [InlineData("Acuse recibo antes de las 14:00, hora de Nueva York.")]
    public void Neutral_text_passes(string text) => Assert.Empty(NeutralWording.FindJudgingWords(text));
}
