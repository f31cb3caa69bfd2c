namespace WasGo.Wasm.Text.Parsing;

/// <summary>Where a folded <c>if</c> is: reading its condition, or after its branches.</summary>
internal enum IfState : byte
{
    /// <summary>Reading the folded condition instructions.</summary>
    Condition,

    /// <summary>The then-branch is done; an else-branch may follow.</summary>
    AfterThen,

    /// <summary>Both branches are done.</summary>
    AfterElse,
}
