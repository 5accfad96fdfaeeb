namespace MultiStage.Generator.Diagnostics;

public enum DiagnosticSeverity
{
    Warning,
    Error,
}

/// <summary>A stable diagnostic code with its severity and message template.</summary>
public sealed record DiagnosticDescriptor(string Code, DiagnosticSeverity Severity, string Title, string MessageFormat)
{
    public Diagnostic Create(params object[] args) =>
        new(this, string.Format(System.Globalization.CultureInfo.InvariantCulture, MessageFormat, args));
}

/// <summary>One reported problem: a code and a message that names the property and the offending value.</summary>
public sealed record Diagnostic(DiagnosticDescriptor Descriptor, string Message)
{
    public string Code => Descriptor.Code;

    public bool IsError => Descriptor.Severity == DiagnosticSeverity.Error;

    public override string ToString() => $"{(IsError ? "error" : "warning")} {Code}: {Message}";
}
