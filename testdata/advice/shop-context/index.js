const express = require("express");
const app = express();
app.get("/orders", (req, res) => res.json([{ id: 1, total: 42 }]));
app.listen(process.env.PORT || 8080);
