import{u as p}from"./index-BPraCoSP.js";function c(e){const{t:o}=p("settings");return{copy:e??o("copy.copy"),copied:o("copy.copied"),failed:o("copy.failed")}}export{c as u};
