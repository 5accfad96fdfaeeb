const response = await fetch("/api/hello");
const greeting = await response.json();
document.getElementById("greeting").textContent = `${greeting.message} (.NET ${greeting.runtime})`;
