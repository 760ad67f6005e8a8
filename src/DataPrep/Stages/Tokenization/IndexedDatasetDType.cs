namespace DataPrep.Stages.Tokenization;

/// <summary>Element type codes of Megatron-LM's indexed dataset (<c>DType</c> in <c>indexed_dataset.py</c>).</summary>
public enum IndexedDatasetDType : byte
{
    /// <summary>Unsigned 8-bit.</summary>
    UInt8 = 1,

    /// <summary>Signed 8-bit.</summary>
    Int8 = 2,

    /// <summary>Signed 16-bit.</summary>
    Int16 = 3,

    /// <summary>Signed 32-bit: used when the vocabulary has 65,500 ids or more.</summary>
    Int32 = 4,

    /// <summary>Signed 64-bit.</summary>
    Int64 = 5,

    /// <summary>64-bit float.</summary>
    Float64 = 6,

    /// <summary>32-bit float.</summary>
    Float32 = 7,

    /// <summary>Unsigned 16-bit: used when the vocabulary has fewer than 65,500 ids.</summary>
    UInt16 = 8,
}
