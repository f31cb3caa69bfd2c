using Xunit.Sdk;

namespace WasGo.Actors.TestKit;

/// <summary>An expectation of the test kit was not met.</summary>
public sealed class TestKitAssertionException : XunitException
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="message">What was expected and what happened.</param>
    public TestKitAssertionException(string message)
        : base(message)
    {
    }
}
