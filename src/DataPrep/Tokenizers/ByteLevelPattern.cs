namespace DataPrep.Tokenizers;

/// <summary>The pre-tokenisation regexes <see cref="ByteLevelPreTokenizer"/> implements.</summary>
internal enum ByteLevelPattern
{
    /// <summary>GPT-2 / r50k_base.</summary>
    Gpt2,

    /// <summary>cl100k_base, Llama 3 (digit groups of 3) and Qwen2/Qwen3 (single digits).</summary>
    Cl100k,

    /// <summary>o200k_base (case classes, contractions glued to words).</summary>
    O200k,
}
