using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using NonCoopBot.App.Tests.Manifest;

namespace NonCoopBot.App.Tests.Architecture;

/// <summary>
/// The layering of docs/architecture.md, held from three sides: the project references written in the .csproj
/// files, the assembly references the compiler kept, and the namespaces (one folder per feature; adapters only
/// in Infrastructure, behind ports of the Domain or the Dialogs runtime).
/// </summary>
public sealed partial class ArchitectureTests
{
    private const string Domain = "NonCoopBot.Domain";
    private const string Protocol = "NonCoopBot.Protocol";
    private const string Dialogs = "NonCoopBot.Dialogs";
    private const string Infrastructure = "NonCoopBot.Infrastructure";
    private const string App = "NonCoopBot.App";

    /// <summary>Which project may reference which (directly). Everything not listed is forbidden.</summary>
    public static TheoryData<string, string[]> AllowedProjectReferences => new()
    {
        { Domain, [] },
        { Protocol, [] },
        { Dialogs, [Protocol] },
        { Infrastructure, [Dialogs, Domain] },
        { App, [Protocol, Dialogs, Domain, Infrastructure] },
    };

    [Theory]
    [MemberData(nameof(AllowedProjectReferences))]
    public void Project_references_in_the_csproj_follow_the_layers(string project, string[] allowed)
    {
        var references = ProjectReferences(project);

        Assert.All(references, reference => Assert.True(allowed.Contains(reference), $"{project}.csproj references {reference}; allowed: {string.Join(", ", allowed)}"));
    }

    [Fact]
    public void Infrastructure_does_not_see_Protocol_through_Dialogs()
    {
        var csproj = XDocument.Load(RepoFiles.PathOf("src", Infrastructure, Infrastructure + ".csproj"));

        Assert.Equal("true", csproj.Descendants("DisableTransitiveProjectReferences").SingleOrDefault()?.Value);
    }

    /// <summary>
    /// Native AOT (docs/architecture.md): every product project runs the trim and AOT analyzers on every build (so
    /// reflection-based JSON or binding is a build error), and the App is published as a native executable.
    /// </summary>
    [Theory]
    [InlineData(Domain)]
    [InlineData(Protocol)]
    [InlineData(Dialogs)]
    [InlineData(Infrastructure)]
    [InlineData(App)]
    public void Every_product_project_is_AOT_compatible_and_the_App_is_published_natively(string project)
    {
        var csproj = XDocument.Load(RepoFiles.PathOf("src", project, project + ".csproj"));

        Assert.Equal("true", csproj.Descendants("IsAotCompatible").SingleOrDefault()?.Value);
        if (project == App)
        {
            Assert.Equal("true", csproj.Descendants("PublishAot").SingleOrDefault()?.Value);
        }

        // The property reached the compiler: an AOT-compatible assembly is marked trimmable.
        Assert.Contains(Load(project).GetCustomAttributes<AssemblyMetadataAttribute>(), a => a is { Key: "IsTrimmable", Value: "True" });
    }

    [Theory]
    [InlineData(Domain, new string[0])]
    [InlineData(Protocol, new string[0])]
    [InlineData(Dialogs, new[] { Protocol })]
    [InlineData(Infrastructure, new[] { Dialogs, Domain })]
    public void Compiled_assemblies_reference_only_their_layers(string assembly, string[] allowed)
    {
        var ours = Load(assembly).GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(name => name.StartsWith("NonCoopBot.", StringComparison.Ordinal))
            .ToList();

        Assert.All(ours, name => Assert.True(allowed.Contains(name), $"{assembly}.dll references {name}"));
    }

    [Fact]
    public void Every_type_lives_in_its_assemblys_namespace_and_Infrastructure_has_no_feature_namespace()
    {
        foreach (var assembly in new[] { Domain, Protocol, Dialogs, Infrastructure, App })
        {
            var misplaced = Types(assembly)
                .Where(t => !(assembly == App && t.Name == "Program")) // top-level statements
                .Where(t => t.Namespace is not { } ns || !(ns == assembly || ns.StartsWith(assembly + ".", StringComparison.Ordinal)))
                .Select(t => t.FullName)
                .ToList();
            Assert.True(misplaced.Count == 0, $"{assembly}: types outside its namespace: {string.Join(", ", misplaced)}");
        }

        var featureTypes = Types(Infrastructure).Where(t => (t.Namespace ?? "").Split('.').Contains("Features")).Select(t => t.FullName).ToList();
        Assert.True(featureTypes.Count == 0, $"Infrastructure holds feature code: {string.Join(", ", featureTypes)}");
    }

    [Fact]
    public void Every_store_and_repository_in_Infrastructure_is_an_adapter_behind_a_port()
    {
        var adapters = Types(Infrastructure)
            .Where(t => t is { IsClass: true, IsAbstract: false, IsPublic: true } && (t.Name.EndsWith("Repository", StringComparison.Ordinal) || t.Name.EndsWith("Store", StringComparison.Ordinal) || t.Name.EndsWith("Storage", StringComparison.Ordinal)))
            .ToList();

        Assert.NotEmpty(adapters);
        Assert.All(adapters, adapter => Assert.True(
            adapter.GetInterfaces().Any(i => i.Namespace == Domain + ".Ports" || i.Namespace?.StartsWith(Dialogs + ".", StringComparison.Ordinal) == true),
            $"{adapter.FullName} implements no port of {Domain}.Ports or {Dialogs}"));
    }

    [Fact]
    public void Each_feature_is_one_folder_with_one_namespace_and_no_Infrastructure()
    {
        var features = Directory.GetDirectories(RepoFiles.PathOf("src", App, "Features"));
        Assert.Contains(features, f => Path.GetFileName(f) == "Alerts");

        foreach (var folder in features)
        {
            var feature = Path.GetFileName(folder);
            foreach (var file in Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories))
            {
                var source = File.ReadAllText(file);
                var relative = Path.GetRelativePath(RepoFiles.Root, file);
                Assert.Equal($"{App}.Features.{feature}", NamespaceOf().Match(source).Groups[1].Value);
                Assert.False(source.Contains("using NonCoopBot.Infrastructure", StringComparison.Ordinal), $"{relative} uses Infrastructure: a feature talks to ports, the host wires the adapters");
            }
        }

        var typesOutsideTheirFolder = Types(App)
            .Where(t => t.Namespace?.StartsWith(App + ".Features.", StringComparison.Ordinal) == true)
            .Select(t => t.Namespace!.Split('.')[3])
            .Distinct()
            .Where(feature => !Directory.Exists(RepoFiles.PathOf("src", App, "Features", feature)))
            .ToList();
        Assert.Empty(typesOutsideTheirFolder);
    }

    [Fact]
    public void Alerts_live_in_their_feature_folder()
    {
        var alertTypes = new[] { "AlertCards", "AlertDispatcher", "AlertOutboxWriter", "AlertWorker", "AlertOptions", "SendGate", "SendThrottle", "AlertRoutes" };

        foreach (var name in alertTypes)
        {
            var type = Types(App).SingleOrDefault(t => t.Name == name);
            Assert.True(type is not null, $"{name} is not in {App}");
            Assert.Equal($"{App}.Features.Alerts", type.Namespace);
        }

        Assert.DoesNotContain(Types(Infrastructure), t => alertTypes.Contains(t.Name));
    }

    private static IReadOnlyList<string> ProjectReferences(string project)
    {
        var csproj = XDocument.Load(RepoFiles.PathOf("src", project, project + ".csproj"));
        return csproj.Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')))
            .ToList();
    }

    private static Assembly Load(string name) => Assembly.Load(name);

    private static IEnumerable<Type> Types(string assembly) =>
        Load(assembly).GetTypes().Where(t => !t.IsNested && t.Namespace?.StartsWith("<", StringComparison.Ordinal) != true && !t.Name.StartsWith('<') && t.Name != "<Module>"
            && t.GetCustomAttribute<System.Runtime.CompilerServices.CompilerGeneratedAttribute>() is null && t.Namespace is not ("System.Runtime.CompilerServices" or "Microsoft.CodeAnalysis" or "System.Text.RegularExpressions.Generated"));

    [GeneratedRegex(@"^namespace\s+([\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex NamespaceOf();
}
