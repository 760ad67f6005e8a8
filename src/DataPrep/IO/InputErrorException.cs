namespace DataPrep.IO;

/// <summary>Thrown in strict mode at the first bad input record.</summary>
public sealed class InputErrorException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InputErrorException(string message) : base(message)
    {
    }
}
