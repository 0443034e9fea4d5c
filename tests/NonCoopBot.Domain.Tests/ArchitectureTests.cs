using System.Reflection;
using NonCoopBot.Domain.Members;
using NonCoopBot.Domain.NonCooperation;
using NonCoopBot.Domain.Wording;

namespace NonCoopBot.Domain.Tests;

public sealed class ArchitectureTests
{
    private static readonly Assembly Domain = typeof(Matter).Assembly;

    [Fact]
    public void The_domain_references_only_the_base_class_library()
    {
        var references = Domain.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.All(references, name => Assert.True(name.StartsWith("System", StringComparison.Ordinal) || name == "netstandard", name));
    }

    [Fact]
    public void The_States_data_is_embedded()
    {
        Assert.Contains(Domain.GetManifestResourceNames(), name => name.EndsWith("Data.states.json", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_message_the_domain_shows_uses_neutral_wording()
    {
        var messages = new[] { typeof(Authorization), typeof(Matter) }
            .SelectMany(type => type.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(field => field.IsLiteral && field.FieldType == typeof(string))
            .Select(field => (string)field.GetRawConstantValue()!)
            .ToList();

        Assert.NotEmpty(messages);
        Assert.All(messages, message => Assert.Empty(NeutralWording.FindJudgingWords(message)));
    }
}
