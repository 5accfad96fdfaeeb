Console.WriteLine($"Hello from Company.ConsoleApplication1 on {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}!");
