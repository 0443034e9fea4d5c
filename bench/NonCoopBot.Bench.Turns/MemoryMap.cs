using System.Globalization;
using System.Text;

namespace NonCoopBot.Bench.Turns;

/// <summary>
/// Where a process's resident memory is (Linux <c>/proc/PID/smaps</c>), by kind of mapping: managed assembly images
/// (.dll, with the largest named), JIT-compiled code (<c>memfd:doublemapper</c>: mapped twice under W^X), native
/// libraries (.so), the native executable of a native AOT publish (<c>executable</c>: its compiled code and data),
/// anonymous memory (GC heaps, native heap, stacks) and the rest.
/// </summary>
internal static class MemoryMap
{
    public static string Describe(int processId, int largest = 8)
    {
        var path = $"/proc/{processId}/smaps";
        if (!File.Exists(path))
        {
            return "memory: /proc/PID/smaps not available on this system";
        }

        var executable = ExecutablePath(processId);
        var kinds = new Dictionary<string, long>(StringComparer.Ordinal);
        var assemblies = new Dictionary<string, long>(StringComparer.Ordinal);
        var kind = "other";
        string? assembly = null;
        foreach (var line in File.ReadLines(path))
        {
            if (IsMappingHeader(line))
            {
                (kind, assembly) = Classify(line, executable);
            }
            else if (line.StartsWith("Rss:", StringComparison.Ordinal))
            {
                var bytes = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
                kinds[kind] = kinds.GetValueOrDefault(kind) + bytes;
                if (assembly is not null)
                {
                    assemblies[assembly] = assemblies.GetValueOrDefault(assembly) + bytes;
                }
            }
        }

        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"  RSS by kind:");
        foreach (var (name, bytes) in kinds.OrderByDescending(pair => pair.Value))
        {
            text.Append(CultureInfo.InvariantCulture, $" {name} {Mib(bytes)}");
        }

        text.AppendLine();
        text.Append(CultureInfo.InvariantCulture, $"  {assemblies.Count} assemblies mapped; largest:");
        foreach (var (name, bytes) in assemblies.OrderByDescending(pair => pair.Value).Take(largest))
        {
            text.Append(CultureInfo.InvariantCulture, $" {name} {Mib(bytes)}");
        }

        return text.ToString();
    }

    private static string Mib(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:F1}");

    // "7f.. -7f.. r-xp 00000000 08:01 1234   /path" — the only lines whose first field is an address range.
    private static bool IsMappingHeader(string line)
    {
        var dash = line.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 && line.AsSpan(0, dash).IndexOfAnyExcept("0123456789abcdef") < 0;
    }

    private static string? ExecutablePath(int processId)
    {
        try
        {
            return new FileInfo($"/proc/{processId}/exe").LinkTarget;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static (string Kind, string? Assembly) Classify(string header, string? executable)
    {
        var fields = header.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
        var name = fields.Length >= 6 ? fields[5].Trim() : string.Empty;
        if (executable is not null && name == executable)
        {
            return ("executable", null);
        }

        if (name.EndsWith(".dll", StringComparison.Ordinal))
        {
            return ("dll", Path.GetFileName(name));
        }

        if (name.StartsWith("/memfd:doublemapper", StringComparison.Ordinal))
        {
            return ("jit", null);
        }

        if (name.Contains(".so", StringComparison.Ordinal))
        {
            return ("native-lib", null);
        }

        // [heap]: glibc malloc's main arena (SQLite's page cache, native buffers); the other anonymous mappings hold the
        // GC's regions, the runtime's own data and thread stacks.
        return name == "[heap]" ? ("anon-brk-heap", null)
            : name.Length == 0 || name.StartsWith('[') ? ("anon", null)
            : ("other", null);
    }
}
