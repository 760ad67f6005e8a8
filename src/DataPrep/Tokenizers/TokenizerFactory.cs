using System.Collections.Concurrent;
using DataPrep.Text;

namespace DataPrep.Tokenizers;

/// <summary>
/// Makes tokenizers from a name or a path, and shares them: a tokenizer is loaded once per process and spec, then used
/// by every stage, thread and report. Accepted specs: a tiktoken encoding name (<c>r50k_base</c>, <c>gpt2</c>,
/// <c>cl100k_base</c>, <c>o200k_base</c>); a SentencePiece <c>.model</c> file; a Hugging Face <c>tokenizer.json</c>
/// file; or a folder holding <c>tokenizer.json</c> (preferred) or <c>tokenizer.model</c>.
/// tiktoken encodings and byte-level BPE <c>tokenizer.json</c> files (Llama 3, Qwen) are encoded by
/// <see cref="ByteLevelBpeTokenizer"/>, other <c>tokenizer.json</c> files (Mistral) by <see cref="HuggingFaceTokenizer"/>,
/// SentencePiece models by <see cref="SentencePieceBpeTokenizer"/>.
/// </summary>
public static class TokenizerFactory
{
    private static readonly ConcurrentDictionary<SharedKey, Lazy<ITextTokenizer>> Shared = new();

    /// <summary>The shared tokenizer for <paramref name="spec"/>, loading it on first use. A file is shared while its
    /// size and modification time stay the same: a long-lived host whose tokenizer file is replaced gets the new one.</summary>
    /// <param name="spec">An encoding name or a path.</param>
    /// <param name="baseDirectory">Folder that relative paths resolve against (default: current directory).</param>
    /// <exception cref="ArgumentException">The spec names no known encoding and no existing file or folder.</exception>
    public static ITextTokenizer GetShared(string spec, string? baseDirectory = null)
    {
        var key = SharedKey.Of(Key(spec, baseDirectory));
        var lazy = Shared.GetOrAdd(key, k => new Lazy<ITextTokenizer>(() => CreateFromKey(k.Source), LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            var tokenizer = lazy.Value;
            ForgetOlderVersions(key);
            return tokenizer;
        }
        catch
        {
            Shared.TryRemove(new KeyValuePair<SharedKey, Lazy<ITextTokenizer>>(key, lazy));
            throw;
        }
    }

    /// <summary>The shared tokenizer for a spec from a stage's options: an encoding name as it is, anything else a path
    /// that <paramref name="resolvePath"/> resolves first (a stage passes its build context's <c>ResolvePath</c>, which
    /// falls back to the config's folder).</summary>
    /// <exception cref="ArgumentException">The spec names no known encoding and no existing file or folder.</exception>
    internal static ITextTokenizer GetSharedForOptions(string spec, Func<string, string> resolvePath) =>
        GetShared(IsEncodingName(spec) ? spec : resolvePath(spec));

    /// <summary>A new, unshared tokenizer for <paramref name="spec"/> (for tests and benchmarks; stages use <see cref="GetShared"/>).</summary>
    /// <exception cref="ArgumentException">The spec names no known encoding and no existing file or folder.</exception>
    public static ITextTokenizer Create(string spec, string? baseDirectory = null) => CreateFromKey(Key(spec, baseDirectory));

    /// <summary>True when <paramref name="spec"/> is a built-in encoding name rather than a path.</summary>
    public static bool IsEncodingName(string spec) =>
        TiktokenEncoding.Names.Contains(spec.Trim().ToLowerInvariant());

    private static string Key(string spec, string? baseDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(spec);
        if (IsEncodingName(spec))
        {
            return spec.Trim().ToLowerInvariant();
        }
        var path = Path.GetFullPath(spec, baseDirectory ?? Directory.GetCurrentDirectory());
        if (Directory.Exists(path))
        {
            var json = Path.Combine(path, "tokenizer.json");
            var model = Path.Combine(path, "tokenizer.model");
            path = File.Exists(json) ? json : File.Exists(model) ? model
                : throw new ArgumentException($"Folder '{spec}' holds neither tokenizer.json nor tokenizer.model.", nameof(spec));
        }
        if (!File.Exists(path))
        {
            // A bare word is most likely a misspelt encoding name: suggest the nearest one first.
            var nearest = spec.IndexOfAny(['/', '\\', '.']) < 0
                ? $" Did you mean {string.Join(", ", Text.NearestNames.Find(spec.Trim(), TiktokenEncoding.Names, 1).Select(n => $"'{n}'"))}?"
                : "";
            throw new ArgumentException(
                $"Tokenizer '{spec}' is not a known encoding ({string.Join(", ", TiktokenEncoding.Names)}) "
                + $"and no file or folder exists at '{path}'.{nearest}",
                nameof(spec));
        }
        return path;
    }

    // A replaced file's earlier tokenizer is never handed out again: drop it, so its memory can go once unused.
    private static void ForgetOlderVersions(SharedKey current)
    {
        if (current.Length < 0)
        {
            return;
        }
        foreach (var key in Shared.Keys)
        {
            if (key.Source == current.Source && key != current)
            {
                Shared.TryRemove(key, out _);
            }
        }
    }

    private static ITextTokenizer CreateFromKey(string key)
    {
        if (!Path.IsPathRooted(key))
        {
            return ByteLevelBpeTokenizer.CreateTiktoken(key);
        }
        if (key.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            // Byte-level BPE files (Llama 3, Qwen) get DataPrep's own exact encoder; any other file the Rust library.
            return (ITextTokenizer?)ByteLevelBpeTokenizer.TryLoadHuggingFace(key) ?? HuggingFaceTokenizer.Load(key);
        }
        return SentencePieceBpeTokenizer.Load(key);
    }

    /// <summary>What identifies a shared tokenizer: an encoding name (length -1), or a file's full path with its size
    /// and modification time.</summary>
    private readonly record struct SharedKey(string Source, long Length, DateTime ModifiedUtc)
    {
        public static SharedKey Of(string source)
        {
            if (!Path.IsPathRooted(source))
            {
                return new SharedKey(source, -1, default);
            }
            var file = new FileInfo(source);
            return new SharedKey(source, file.Length, file.LastWriteTimeUtc);
        }
    }
}
