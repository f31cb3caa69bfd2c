namespace WasGo.Wasm;

/// <summary>An untyped host function: receives the caller and the arguments, returns the results.</summary>
/// <param name="caller">The calling instance.</param>
/// <param name="arguments">One value per parameter of the function's type.</param>
/// <returns>One value per result of the function's type.</returns>
public delegate ValueBox[] HostCallback(Caller caller, ValueBox[] arguments);
