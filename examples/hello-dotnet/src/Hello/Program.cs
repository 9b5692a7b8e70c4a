Console.WriteLine(Hello.Greeter.Greet(args.FirstOrDefault()));
