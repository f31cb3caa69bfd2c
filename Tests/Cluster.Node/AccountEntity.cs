using WasGo.Persistence;

namespace WasGo.Cluster.Node;

/// <summary>A durable account: every deposit is checked against the last one, so the tests see any lost or repeated effect.</summary>
public sealed class AccountEntity(IDurableStateStore store, PersistenceSerializer serializer, string entityId, string node)
    : DurableEntityActor<AccountState>(store, serializer, "account/" + entityId)
{
    protected override AccountState InitialState => new(0, 0, 0, 0, node);

    protected override (AccountState State, object Reply) Handle(AccountState state, object message)
    {
        switch (message)
        {
            case Deposit { Amount: <= 0 } bad:
                throw new ArgumentOutOfRangeException(nameof(message), bad.Amount, $"A deposit to {entityId} must be positive; {bad.Amount} is not.");
            case Deposit deposit:
                AccountState next = deposit.Seq <= state.LastSeq
                    ? state with { Repeats = state.Repeats + 1, Node = node }
                    : state with
                    {
                        LastSeq = deposit.Seq,
                        Balance = state.Balance + deposit.Amount,
                        Gaps = state.Gaps + (deposit.Seq == state.LastSeq + 1 ? 0 : 1),
                        Node = node,
                    };
                return (next, new Deposited(entityId, deposit.Seq, next.Balance, node));
            default:
                return (state, state);
        }
    }
}
