using Microsoft.Extensions.FileSystemGlobbing;

namespace DataPrep.IO;

/// <summary>Expands input paths — files, folders (searched recursively) and globs (<c>*</c>, <c>**</c>, <c>?</c>) — into a sorted, de-duplicated file list.</summary>
internal static class InputFiles
{
    private static readonly string[] KnownExtensions =
        [".jsonl", ".json", ".ndjson", ".jsonl.gz", ".json.gz", ".ndjson.gz", ".jsonl.zst", ".json.zst", ".jsonl.zstd", ".parquet", ".txt", ".md"];

    /// <summary>Expands <paramref name="patterns"/>; the result is sorted by ordinal path so every shard sees the same order.</summary>
    /// <exception cref="FileNotFoundException">A path that is neither a file, a folder holding input files, nor a glob matching anything.</exception>
    public static IReadOnlyList<InputFile> Expand(IEnumerable<string> patterns, string baseDirectory)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var pattern in patterns)
        {
            var full = Path.GetFullPath(pattern, baseDirectory);
            if (File.Exists(full))
            {
                found.Add(full);
            }
            else if (Directory.Exists(full))
            {
                var matched = 0;
                var others = 0;
                foreach (var file in Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories))
                {
                    var name = Path.GetFileName(file);
                    if (!name.StartsWith('.') && KnownExtensions.Any(e => name.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
                    {
                        found.Add(file);
                        matched++;
                    }
                    else
                    {
                        others++;
                    }
                }
                // Reading nothing and reporting success would pass an empty folder off as a processed corpus.
                if (matched == 0)
                {
                    throw new FileNotFoundException(others == 0
                        ? $"Input folder '{pattern}' is empty."
                        : $"Input folder '{pattern}' holds {others} file(s) but none with an input extension ({string.Join(", ", KnownExtensions)}; hidden files are skipped).",
                        pattern);
                }
            }
            else if (pattern.IndexOfAny(['*', '?', '[']) >= 0)
            {
                var matches = Glob(full);
                if (matches.Count == 0)
                {
                    throw new FileNotFoundException($"Input pattern '{pattern}' matches no file.", pattern);
                }
                found.UnionWith(matches);
            }
            else
            {
                throw new FileNotFoundException($"Input path '{pattern}' does not exist.", pattern);
            }
        }
        var current = Directory.GetCurrentDirectory();
        return found.Select((path, i) => new InputFile(path, Display(path, current), i)).ToList();
    }

    private static List<string> Glob(string fullPattern)
    {
        // The folder part before the first wildcard is the root; the rest is matched below it.
        var wildcard = fullPattern.IndexOfAny(['*', '?', '[']);
        var root = Path.GetDirectoryName(fullPattern[..wildcard] + "x") ?? "/";
        if (!Directory.Exists(root))
        {
            return [];
        }
        var relative = Path.GetRelativePath(root, fullPattern).Replace('\\', '/');
        var matcher = new Matcher(StringComparison.Ordinal);
        matcher.AddInclude(relative);
        return matcher.GetResultsInFullPath(root).Where(p => !Path.GetFileName(p).StartsWith('.')).ToList();
    }

    private static string Display(string path, string current)
    {
        var relative = Path.GetRelativePath(current, path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative;
    }

    /// <summary>The format of <paramref name="path"/> when the configured format is <see cref="InputFormat.Auto"/>.</summary>
    public static InputFormat Detect(string path, InputFormat configured)
    {
        if (configured != InputFormat.Auto)
        {
            return configured;
        }
        var name = path.ToLowerInvariant();
        if (name.EndsWith(".parquet", StringComparison.Ordinal))
        {
            return InputFormat.Parquet;
        }
        if (name.EndsWith(".txt", StringComparison.Ordinal) || name.EndsWith(".md", StringComparison.Ordinal))
        {
            return InputFormat.Text;
        }
        return InputFormat.Jsonl;
    }
}
