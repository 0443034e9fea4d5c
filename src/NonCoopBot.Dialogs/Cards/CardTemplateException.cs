namespace NonCoopBot.Dialogs.Cards;

/// <summary>A card template that cannot be parsed, validated or bound (the message names the card and the cause).</summary>
public sealed class CardTemplateException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, naming the card.</param>
    public CardTemplateException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    /// <param name="message">What is wrong, naming the card.</param>
    /// <param name="innerException">The cause.</param>
    public CardTemplateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
