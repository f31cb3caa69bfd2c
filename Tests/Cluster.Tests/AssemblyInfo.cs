// The tests share one broker, one database server and two cores: one cluster at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
