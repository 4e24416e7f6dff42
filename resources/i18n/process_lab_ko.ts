<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>BadgeStrip</name>
    <message>
        <source>Click to look at this run.</source>
        <translation>클릭하면 이 실행을 봅니다.</translation>
    </message>
</context>
<context>
    <name>ClusterRow</name>
    <message>
        <source>Dask cluster:</source>
        <extracomment>The executor this row&apos;s settings are for. The form&apos;s label for the row (shown and hidden with it).</extracomment>
        <translation>Dask 클러스터:</translation>
    </message>
    <message>
        <source>local or tcp://host:8786</source>
        <translation>local 또는 tcp://host:8786</translation>
    </message>
    <message>
        <source>Where the Dask scheduler is: local starts a cluster of worker processes on this computer;
an address such as tcp://192.168.1.20:8786 uses the workers of a cluster that is already running
(they need Process Lab installed too).</source>
        <translation>Dask 스케줄러가 있는 곳입니다. local이면 이 컴퓨터에 워커 프로세스 클러스터를 시작합니다.
tcp://192.168.1.20:8786 같은 주소면 이미 돌고 있는 클러스터의 워커를 씁니다
(그 워커들에도 Process Lab이 설치되어 있어야 합니다).</translation>
    </message>
    <message>
        <source>LocalCluster(n_workers=…): worker processes, one thread each.</source>
        <translation>LocalCluster(n_workers=…): 워커 프로세스 수입니다. 워커마다 스레드 하나.</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>대시보드</translation>
    </message>
    <message>
        <source>Serve Dask&apos;s dashboard; its link is in the console when the run starts.</source>
        <translation>Dask 대시보드를 엽니다. 실행이 시작되면 콘솔에 링크가 나옵니다.</translation>
    </message>
</context>
<context>
    <name>CodePanel</name>
    <message>
        <source>Copy</source>
        <translation>복사</translation>
    </message>
    <message>
        <source>Copy the whole script, to run it with Python</source>
        <translation>스크립트 전체를 복사합니다. Python으로 실행해 보세요</translation>
    </message>
    <message>
        <source>The Python script that does what the current settings do, in the lesson&apos;s style.
Save it as a .py file and run it.</source>
        <translation>현재 설정과 똑같이 동작하는 Python 스크립트입니다(수업 예제와 같은 방식).
.py 파일로 저장해 실행해 보세요.</translation>
    </message>
    <message>
        <source>The process pool as a Python script</source>
        <translation>프로세스 풀을 Python 스크립트로</translation>
    </message>
    <message>
        <source>The named processes as a Python script</source>
        <translation>이름 붙인 프로세스를 Python 스크립트로</translation>
    </message>
</context>
<context>
    <name>CompareRunsPanel</name>
    <message>
        <source>Which measurement the bars show</source>
        <extracomment>A run&apos;s worker list in its tooltip stops after this many.</extracomment>
        <translation>막대그래프에 표시할 측정값</translation>
    </message>
    <message>
        <source>Only chosen</source>
        <translation>선택한 것만</translation>
    </message>
    <message>
        <source>Hide the runs whose box is not ticked</source>
        <translation>체크하지 않은 실행은 숨깁니다</translation>
    </message>
    <message>
        <source>The session&apos;s finished runs: tick the ones to set side by side in the bars</source>
        <translation>이번 세션에서 끝난 실행들입니다. 막대그래프로 나란히 비교할 실행을 체크하세요</translation>
    </message>
    <message>
        <source>Finished runs appear here.</source>
        <translation>끝난 실행이 여기에 나타납니다.</translation>
    </message>
    <message>
        <source>Bars:</source>
        <translation>막대:</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>실행</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>설정</translation>
    </message>
    <message>
        <source>Wall time</source>
        <translation>경과 시간</translation>
    </message>
    <message>
        <source>Start-up</source>
        <translation>시작 비용</translation>
    </message>
    <message>
        <source>Per worker</source>
        <translation>워커당</translation>
    </message>
    <message>
        <source>Peak CPU</source>
        <translation>최대 CPU</translation>
    </message>
    <message>
        <source>Mean CPU</source>
        <translation>평균 CPU</translation>
    </message>
    <message>
        <source>Most alive</source>
        <translation>최대 동시</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>작업 비율</translation>
    </message>
    <message>
        <source>Start-up, first to last start (s)</source>
        <translation>시작 비용: 첫 시작부터 마지막 시작까지 (초)</translation>
    </message>
    <message>
        <source>Start-up per worker (s)</source>
        <translation>워커당 시작 비용 (초)</translation>
    </message>
    <message>
        <source>Wall time (s)</source>
        <translation>경과 시간 (초)</translation>
    </message>
    <message>
        <source>Peak CPU (%)</source>
        <translation>최대 CPU (%)</translation>
    </message>
    <message>
        <source>Mean CPU (%)</source>
        <translation>평균 CPU (%)</translation>
    </message>
    <message>
        <source>Most alive at once</source>
        <translation>동시에 살아 있던 최대 개수</translation>
    </message>
    <message>
        <source>Busy share of the workers&apos; time (%)</source>
        <translation>워커가 일한 시간의 비율 (%)</translation>
    </message>
    <message>
        <source>Sleep</source>
        <translation>대기</translation>
    </message>
    <message>
        <source>Busy CPU</source>
        <translation>CPU 계산</translation>
    </message>
    <message>
        <source>no GIL</source>
        <translation>GIL 없음</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>중지됨</translation>
    </message>
    <message>
        <source>threads</source>
        <translation>스레드</translation>
    </message>
    <message>
        <source>{busy} busy, {idle} idle over {n} workers</source>
        <translation>워커 {n}개: 작업 {busy}, 유휴 {idle}</translation>
    </message>
    <message>
        <source>{who}: busy {busy}, idle {idle}</source>
        <translation>{who}: 작업 {busy}, 유휴 {idle}</translation>
    </message>
    <message>
        <source>… and {n} more</source>
        <translation>… 외 {n}개</translation>
    </message>
    <message>
        <source>Run {n}</source>
        <translation>실행 {n}</translation>
    </message>
    <message>
        <source>Tick to show this run in the bars</source>
        <translation>체크하면 이 실행을 막대그래프에 표시합니다</translation>
    </message>
    <message>
        <source>From the first worker&apos;s start to the last one&apos;s</source>
        <translation>첫 워커가 시작한 때부터 마지막 워커가 시작한 때까지</translation>
    </message>
</context>
<context>
    <name>CpuPlot</name>
    <message>
        <source>CPU %</source>
        <extracomment>Curves get at most this many points per pixel of plot width.</extracomment>
        <translation>CPU %</translation>
    </message>
    <message>
        <source>child processes</source>
        <translation>자식 프로세스</translation>
    </message>
    <message>
        <source>Child processes: the processes this window started and that are still alive, not counting multiprocessing&apos;s own forkserver and resource tracker.</source>
        <translation>자식 프로세스: 이 창이 시작해서 아직 살아 있는 프로세스입니다. multiprocessing 자체의 forkserver와 resource tracker는 세지 않습니다.</translation>
    </message>
    <message>
        <source>Total (all cores)</source>
        <translation>합계(모든 코어)</translation>
    </message>
    <message>
        <source>Cores:</source>
        <translation>코어:</translation>
    </message>
    <message>
        <source>Child processes (right axis)</source>
        <translation>자식 프로세스(오른쪽 축)</translation>
    </message>
    <message>
        <source>CPU of child processes</source>
        <translation>자식 프로세스의 CPU</translation>
    </message>
</context>
<context>
    <name>HelpOverlay</name>
    <message>
        <source>Click or press any key to close</source>
        <extracomment>The overlay&apos;s text is at least this many pixels high. How opaque the backing over the window is (0-255).</extracomment>
        <translation>클릭하거나 아무 키나 누르면 닫힙니다</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>단축키</translation>
    </message>
    <message>
        <source>Any key or a click closes this list.</source>
        <translation>아무 키나 누르거나 클릭하면 이 목록이 닫힙니다.</translation>
    </message>
</context>
<context>
    <name>LogView</name>
    <message>
        <source>What the processes print appears here.</source>
        <extracomment>Oldest lines are dropped past this, so a day of 1000-process runs stays light.</extracomment>
        <translation>프로세스가 출력하는 내용이 여기에 나타납니다.</translation>
    </message>
    <message>
        <source>The lines the lesson&apos;s scripts print, as the processes print them</source>
        <translation>수업 예제 스크립트가 출력하는 줄을 프로세스가 출력하는 그대로 보여 줍니다</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Compare runs</source>
        <translation>실행 비교</translation>
    </message>
    <message>
        <source>The session&apos;s runs side by side: wall time, start-up, CPU, workers</source>
        <translation>이번 세션의 실행을 나란히 비교: 경과 시간, 시작 비용, CPU, 워커</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>코드</translation>
    </message>
    <message>
        <source>The Python script that does what the current settings do</source>
        <translation>현재 설정과 똑같이 동작하는 Python 스크립트</translation>
    </message>
    <message>
        <source>Process Lab</source>
        <extracomment>The demo site&apos;s pages offered besides its sized ones: one slow, one missing. Everything is loaded: the CPU graph and its sampler, the demo site and its pages in the URL list, the engine&apos;s runs.</extracomment>
        <translation>Process Lab</translation>
    </message>
    <message>
        <source>Export results</source>
        <translation>결과 내보내기</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export trace</source>
        <translation>트레이스 내보내기</translation>
    </message>
    <message>
        <source>Trace (*.json)</source>
        <translation>트레이스 (*.json)</translation>
    </message>
    <message>
        <source>Console</source>
        <extracomment>Relative heights of the graphs (the CPU graph above the timeline), the table and the console.</extracomment>
        <translation>콘솔</translation>
    </message>
    <message>
        <source>Processes</source>
        <translation>프로세스</translation>
    </message>
    <message>
        <source>A small htop of this app&apos;s processes: PIDs, names, CPU and memory</source>
        <translation>이 앱의 프로세스를 보여 주는 작은 htop: PID, 이름, CPU, 메모리</translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <source>&amp;Light</source>
        <extracomment>The themes&apos; names in the View menu, by palette name.</extracomment>
        <translation>밝게(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>어둡게(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;High contrast</source>
        <translation>고대비(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Export results…</source>
        <translation>결과 내보내기(&amp;E)…</translation>
    </message>
    <message>
        <source>Save every job of the kept runs as a CSV file (for a spreadsheet)</source>
        <translation>보관된 실행의 모든 작업을 CSV 파일로 저장합니다(스프레드시트용)</translation>
    </message>
    <message>
        <source>Export &amp;trace…</source>
        <translation>트레이스 내보내기(&amp;T)…</translation>
    </message>
    <message>
        <source>Save the runs as a trace for chrome://tracing or ui.perfetto.dev: one lane per worker</source>
        <translation>실행을 chrome://tracing 또는 ui.perfetto.dev용 트레이스로 저장합니다. 워커마다 한 줄씩</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>끝내기(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>실행(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>보기(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <source>Theme: {name}</source>
        <translation>테마: {name}</translation>
    </message>
</context>
<context>
    <name>NamedPanel</name>
    <message>
        <source>Named processes</source>
        <extracomment>The children run below the window&apos;s priority: they still take every idle cycle (the CPU graph still spikes), but a burst of them starting cannot starve the window that shows it. At 10 rather than 5 the longest stall of the window during a 100-process run went from 41 to 26-33 ms here.</extracomment>
        <translation>이름 붙인 프로세스</translation>
    </message>
    <message>
        <source>How many processes to start, named 1, 2, 3 …
Try 100 and watch the CPU graph jump.</source>
        <translation>시작할 프로세스 수입니다. 이름은 1, 2, 3 …
100을 넣고 CPU 그래프가 치솟는 것을 보세요.</translation>
    </message>
    <message>
        <source>Each process waits a random time between these two, like the lesson&apos;s 1–3 s.
0 to 0 means no waiting at all.</source>
        <translation>각 프로세스는 두 값 사이의 임의의 시간 동안 기다립니다(수업 예제는 1–3초).
0부터 0이면 전혀 기다리지 않습니다.</translation>
    </message>
    <message>
        <source> s</source>
        <translation>초</translation>
    </message>
    <message>
        <source>to</source>
        <translation>~</translation>
    </message>
    <message>
        <source>Sleep</source>
        <translation>대기</translation>
    </message>
    <message>
        <source>Each process sleeps, as in the lesson: it waits but uses almost no CPU.</source>
        <translation>수업 예제처럼 각 프로세스가 sleep 합니다. 기다리기만 하고 CPU는 거의 쓰지 않습니다.</translation>
    </message>
    <message>
        <source>Busy CPU</source>
        <translation>CPU 계산</translation>
    </message>
    <message>
        <source>Each process does arithmetic for the same time instead of sleeping,
so every core fills up and the CPU graph really climbs.</source>
        <translation>각 프로세스가 sleep 대신 같은 시간 동안 계산을 합니다.
그래서 모든 코어가 차고 CPU 그래프가 실제로 올라갑니다.</translation>
    </message>
    <message>
        <source>A small server process forks each child: fast, and safe in a program with threads.</source>
        <translation>작은 서버 프로세스가 자식을 하나씩 fork 합니다. 빠르고, 스레드가 있는 프로그램에서도 안전합니다.</translation>
    </message>
    <message>
        <source>Each child is a fresh Python that imports the program again: slowest to start, works everywhere.</source>
        <translation>자식마다 새 Python이 프로그램을 다시 import 합니다. 시작이 가장 느리지만 어디서나 동작합니다.</translation>
    </message>
    <message>
        <source>Each child is a copy of this window&apos;s process: fastest, but unsafe in a program with threads, such as this window. Children may hang or crash.</source>
        <translation>자식이 이 창의 프로세스를 그대로 복사한 것입니다. 가장 빠르지만 이 창처럼 스레드가 있는 프로그램에서는 안전하지 않습니다. 자식이 멈추거나 죽을 수 있습니다.</translation>
    </message>
    <message>
        <source>{method} (default)</source>
        <translation>{method} (기본값)</translation>
    </message>
    <message>
        <source>Each job in a thread, Thread(name=str(i)), all in one process.
With Busy CPU they share about one core: Python&apos;s global interpreter lock
(GIL) lets one thread at a time run Python code. With Sleep they look alike.</source>
        <translation>작업마다 스레드 하나, Thread(name=str(i)), 모두 한 프로세스 안에서 실행합니다.
CPU 계산이면 코어 하나 정도를 나눠 씁니다. Python의 전역 인터프리터 락(GIL)이
한 번에 한 스레드만 Python 코드를 실행하게 하기 때문입니다. 대기면 둘이 비슷해 보입니다.</translation>
    </message>
    <message>
        <source>Each job in a thread, Thread(name=str(i)), all in one process.
This Python runs without the global interpreter lock (free-threaded):
threads are not held back, and busy ones fill every core too.</source>
        <translation>작업마다 스레드 하나, Thread(name=str(i)), 모두 한 프로세스 안에서 실행합니다.
이 Python은 전역 인터프리터 락(GIL) 없이 실행됩니다(free-threaded).
스레드가 막히지 않으므로 계산하는 스레드도 모든 코어를 채웁니다.</translation>
    </message>
    <message>
        <source>Processes</source>
        <translation>프로세스</translation>
    </message>
    <message>
        <source>Each job in a process of its own, as the lesson: Process(name=str(i)).
With Busy CPU they fill every core.</source>
        <translation>수업 예제처럼 작업마다 자기 프로세스에서 실행합니다: Process(name=str(i)).
CPU 계산이면 모든 코어를 채웁니다.</translation>
    </message>
    <message>
        <source>Threads</source>
        <translation>스레드</translation>
    </message>
    <message>
        <source>Parent PID: {pid}</source>
        <translation>부모 PID: {pid}</translation>
    </message>
    <message>
        <source>This window&apos;s own process ID: every process you start is its child.</source>
        <translation>이 창 자신의 프로세스 ID입니다. 여기서 시작하는 모든 프로세스는 이 프로세스의 자식입니다.</translation>
    </message>
    <message>
        <source>Start processes</source>
        <translation>프로세스 시작</translation>
    </message>
    <message>
        <source>Start the processes; each reports its PID, its name and n²</source>
        <translation>프로세스를 시작합니다. 각 프로세스가 자기 PID, 이름, n²을 알려 줍니다</translation>
    </message>
    <message>
        <source>Processes:</source>
        <translation>프로세스 수:</translation>
    </message>
    <message>
        <source>Sleep:</source>
        <translation>대기 시간:</translation>
    </message>
    <message>
        <source>Work:</source>
        <translation>작업:</translation>
    </message>
    <message>
        <source>Run as:</source>
        <translation>실행 단위:</translation>
    </message>
    <message>
        <source>Start method:</source>
        <translation>시작 방식:</translation>
    </message>
</context>
<context>
    <name>PlotPlaceholder</name>
    <message>
        <source>Loading the CPU graph…</source>
        <translation>CPU 그래프를 불러오는 중…</translation>
    </message>
</context>
<context>
    <name>PoolPanel</name>
    <message>
        <source>Process pool</source>
        <extracomment>A Dask cluster&apos;s own settings changed (its address, size, dashboard).</extracomment>
        <translation>프로세스 풀</translation>
    </message>
    <message>
        <source>Pages to fetch:</source>
        <translation>가져올 페이지:</translation>
    </message>
    <message>
        <source>ProcessPoolExecutor(max_workers=…): how many worker processes fetch at once.
The lesson used 5.</source>
        <translation>ProcessPoolExecutor(max_workers=…): 동시에 가져오는 워커 프로세스 수입니다.
수업 예제는 5를 썼습니다.</translation>
    </message>
    <message>
        <source> s</source>
        <translation>초</translation>
    </message>
    <message>
        <source>load_url(url, timeout): how long one page may take. The lesson used 60 s.</source>
        <translation>load_url(url, timeout): 페이지 하나에 허용하는 시간입니다. 수업 예제는 60초를 썼습니다.</translation>
    </message>
    <message>
        <source>as_completed timeout:</source>
        <translation>as_completed 제한 시간:</translation>
    </message>
    <message>
        <source>as_completed(futures, timeout=…): give up waiting for results after this long.
The lesson suggests trying 1 s. Pages still loading are reported when they end.</source>
        <translation>as_completed(futures, timeout=…): 이 시간이 지나면 결과 기다리기를 그만둡니다.
수업 예제는 1초로 해 보라고 합니다. 아직 불러오는 페이지는 끝날 때 알려 줍니다.</translation>
    </message>
    <message>
        <source>Check certificates</source>
        <translation>인증서 확인</translation>
    </message>
    <message>
        <source>Check that https sites are who they say they are (recommended).</source>
        <translation>https 사이트가 정말 그 사이트인지 확인합니다(권장).</translation>
    </message>
    <message>
        <source>Unsafe: a fake site would pass unnoticed.</source>
        <translation>위험: 가짜 사이트도 그냥 통과합니다.</translation>
    </message>
    <message>
        <source>Certificates are not checked: anyone on the network could pretend to be these sites. The lesson did this to reach https sites; keep it on otherwise.</source>
        <translation>인증서를 확인하지 않습니다. 네트워크에 있는 누구든 이 사이트인 척할 수 있습니다. 수업 예제는 https 사이트에 접속하려고 이렇게 했지만, 그 밖에는 켜 두세요.</translation>
    </message>
    <message>
        <source>Start pool</source>
        <translation>풀 시작</translation>
    </message>
    <message>
        <source>Fetch every page in the pool and report each one&apos;s size as it completes</source>
        <translation>풀에서 모든 페이지를 가져오고, 끝나는 대로 각 페이지의 크기를 알려 줍니다</translation>
    </message>
    <message>
        <source>Workers:</source>
        <translation>워커 수:</translation>
    </message>
    <message>
        <source>Timeout per page:</source>
        <translation>페이지당 제한 시간:</translation>
    </message>
</context>
<context>
    <name>PresentationBar</name>
    <message>
        <source>Presentation</source>
        <translation>발표</translation>
    </message>
    <message>
        <source>Processes:</source>
        <translation>프로세스 수:</translation>
    </message>
    <message>
        <source>Workers:</source>
        <translation>워커 수:</translation>
    </message>
    <message>
        <source>More</source>
        <translation>더 보기</translation>
    </message>
    <message>
        <source>Every setting of both experiments, the console, the theme, leaving</source>
        <translation>두 실험의 모든 설정, 콘솔, 테마, 발표 모드 끝내기</translation>
    </message>
    <message>
        <source>&amp;Controls</source>
        <translation>설정 패널(&amp;C)</translation>
    </message>
    <message>
        <source>Open or close every setting of both experiments, on the left</source>
        <translation>왼쪽에 두 실험의 모든 설정을 열거나 닫습니다</translation>
    </message>
    <message>
        <source>C&amp;onsole</source>
        <translation>콘솔(&amp;O)</translation>
    </message>
    <message>
        <source>Show or hide the console under the table</source>
        <translation>표 아래의 콘솔을 보이거나 숨깁니다</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>테마(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Leave presentation</source>
        <translation>발표 모드 끝내기(&amp;L)</translation>
    </message>
    <message>
        <source>Back to the window as it was (Esc)</source>
        <translation>원래 창으로 돌아갑니다(Esc)</translation>
    </message>
</context>
<context>
    <name>ProcessInspector</name>
    <message>
        <source>This app&apos;s processes, live: each child&apos;s PID, its name and what it uses</source>
        <extracomment>Each column&apos;s width in average characters of the current font.</extracomment>
        <translation>이 앱의 프로세스를 실시간으로: 자식마다 PID, 이름, 사용하는 자원</translation>
    </message>
</context>
<context>
    <name>ResultsColumns</name>
    <message>
        <source>Run</source>
        <extracomment>The translation context of the headers and their tooltips. Lower is shown first when the table is too narrow; None: always shown (for the experiments that fill it): it carries the lesson&apos;s answer.</extracomment>
        <translation>실행</translation>
    </message>
    <message>
        <source>Which run the job belongs to</source>
        <translation>작업이 속한 실행</translation>
    </message>
    <message>
        <source>Name / URL</source>
        <translation>이름 / URL</translation>
    </message>
    <message>
        <source>The process name given with Process(name=...), or the URL fetched</source>
        <translation>Process(name=...)로 준 프로세스 이름, 또는 가져온 URL</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>워커</translation>
    </message>
    <message>
        <source>Who ran the job: the process ID (PID) from the OS for a process,
the thread&apos;s name for a thread</source>
        <translation>작업을 실행한 쪽: 프로세스는 운영체제가 준 프로세스 ID(PID),
스레드는 스레드 이름</translation>
    </message>
    <message>
        <source>n</source>
        <translation>n</translation>
    </message>
    <message>
        <source>The number passed to the process</source>
        <translation>프로세스에 넘긴 수</translation>
    </message>
    <message>
        <source>n²</source>
        <translation>n²</translation>
    </message>
    <message>
        <source>n × n, computed in the child and sent back</source>
        <translation>자식이 계산해서 돌려보낸 n × n</translation>
    </message>
    <message>
        <source>HTTP</source>
        <translation>HTTP</translation>
    </message>
    <message>
        <source>HTTP status of the page</source>
        <translation>페이지의 HTTP 상태 코드</translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation>바이트</translation>
    </message>
    <message>
        <source>Size of the page</source>
        <translation>페이지 크기</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>시작</translation>
    </message>
    <message>
        <source>Clock time the job started, as its worker measured it</source>
        <translation>작업이 시작한 시각(워커가 잰 값)</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>끝</translation>
    </message>
    <message>
        <source>Clock time the job ended</source>
        <translation>작업이 끝난 시각</translation>
    </message>
    <message>
        <source>Duration (s)</source>
        <translation>걸린 시간(초)</translation>
    </message>
    <message>
        <source>Seconds from the job&apos;s start to its end</source>
        <translation>작업 시작부터 끝까지 걸린 초</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>What became of the job; hover for the full reason</source>
        <translation>작업의 결과입니다. 마우스를 올리면 전체 이유가 보입니다</translation>
    </message>
</context>
<context>
    <name>ResultsView</name>
    <message>
        <source>One row per process or page, coloured by its state and saying it in words.
Hover a cell for more; Ctrl+C copies the selected rows.</source>
        <translation>프로세스나 페이지마다 한 줄씩, 상태에 따라 색을 칠하고 말로도 적습니다.
칸에 마우스를 올리면 더 보이고, Ctrl+C로 선택한 줄을 복사합니다.</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>복사(&amp;C)</translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation>모두 선택(&amp;A)</translation>
    </message>
</context>
<context>
    <name>RunBridge</name>
    <message>
        <source>The run stopped because of an error ({error}); start it again.</source>
        <extracomment>How long one poll() may block: short, so Stop and batching stay prompt. The GUI gets at most one batch per this interval (RunFinished goes at once).</extracomment>
        <translation>오류 때문에 실행이 멈췄습니다({error}). 다시 시작하세요.</translation>
    </message>
    <message>
        <source>The run could not be wound down ({error}).</source>
        <translation>실행을 정리하지 못했습니다({error}).</translation>
    </message>
</context>
<context>
    <name>RunControl</name>
    <message>
        <source>Not started.</source>
        <extracomment>How long closing waits for each bridge&apos;s run to wind down (children get SIGTERM, then SIGKILL after a grace period, well inside this).</extracomment>
        <translation>시작하지 않았습니다.</translation>
    </message>
</context>
<context>
    <name>RunControls</name>
    <message>
        <source>Stop</source>
        <extracomment>At most this often (ms) the progress bar is repainted during a run.</extracomment>
        <translation>중지</translation>
    </message>
    <message>
        <source>Stop every running experiment and its processes</source>
        <translation>실행 중인 모든 실험과 그 프로세스를 멈춥니다</translation>
    </message>
    <message>
        <source>Jobs ended / jobs in the current runs (jobs that never started do not count)</source>
        <translation>끝난 작업 / 현재 실행의 작업 수 (시작하지 않은 작업은 세지 않습니다)</translation>
    </message>
    <message>
        <source>Keep earlier runs</source>
        <translation>이전 실행 보관</translation>
    </message>
    <message>
        <source>On: the table shows every run, each under its own heading.
Off: only the latest run (and any run still going). Nothing is lost:
tick it again to see the earlier runs.</source>
        <translation>켜면: 표에 모든 실행을 각자 제목 아래 보여 줍니다.
끄면: 가장 최근 실행(과 아직 진행 중인 실행)만 보여 줍니다. 사라지는 것은 없습니다.
다시 체크하면 이전 실행이 보입니다.</translation>
    </message>
</context>
<context>
    <name>RunKeyLabel</name>
    <message>
        <source>Click a run&apos;s number to look at that run.</source>
        <translation>실행 번호를 클릭하면 그 실행을 봅니다.</translation>
    </message>
    <message>
        <source>(and {n} earlier)</source>
        <translation>(이전 실행 {n}개 더)</translation>
    </message>
    <message>
        <source>Each run is numbered on the graphs; this key says what the numbers mean.</source>
        <translation>그래프에서 실행마다 번호가 붙습니다. 이 범례가 각 번호의 뜻을 알려 줍니다.</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>it could not be read</source>
        <extracomment>Every key&apos;s prefix (see the module docstring). The theme setting&apos;s value while the theme follows the system&apos;s dark mode. Stands for the demo site&apos;s address in the kept URL list. The longest text a line edit takes back from the file.</extracomment>
        <translation>파일을 읽을 수 없습니다</translation>
    </message>
    <message>
        <source>it is damaged</source>
        <translation>파일이 손상되었습니다</translation>
    </message>
    <message>
        <source>it is not a Process Lab settings file</source>
        <translation>Process Lab 설정 파일이 아닙니다</translation>
    </message>
    <message>
        <source>Settings not read from {path} ({problem}): the defaults are used.</source>
        <translation>{path}에서 설정을 읽지 못했습니다({problem}). 기본값을 사용합니다.</translation>
    </message>
    <message>
        <source>Settings are back to their defaults.</source>
        <translation>설정을 기본값으로 되돌렸습니다.</translation>
    </message>
</context>
<context>
    <name>SettingsMenu</name>
    <message>
        <source>&amp;Open URL list…</source>
        <translation>URL 목록 열기(&amp;O)…</translation>
    </message>
    <message>
        <source>Replace the pool&apos;s pages with those of a text file: one URL a line, # for a comment</source>
        <translation>풀의 페이지 목록을 텍스트 파일의 것으로 바꿉니다. 한 줄에 URL 하나, #은 주석</translation>
    </message>
    <message>
        <source>&amp;Save URL list…</source>
        <translation>URL 목록 저장(&amp;S)…</translation>
    </message>
    <message>
        <source>Save the pool&apos;s pages as a text file, one URL a line</source>
        <translation>풀의 페이지 목록을 텍스트 파일로 저장합니다. 한 줄에 URL 하나</translation>
    </message>
    <message>
        <source>Reset settings to &amp;defaults…</source>
        <translation>설정을 기본값으로(&amp;D)…</translation>
    </message>
    <message>
        <source>Every option, the URL list, the zoom, the theme and the language as at first start</source>
        <translation>모든 옵션, URL 목록, 확대 배율, 테마, 언어를 처음 시작할 때처럼 되돌립니다</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>언어(&amp;L)</translation>
    </message>
    <message>
        <source>Open URL list</source>
        <translation>URL 목록 열기</translation>
    </message>
    <message>
        <source>Text files (*.txt);;All files (*)</source>
        <translation>텍스트 파일 (*.txt);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Could not read {path}: {reason}</source>
        <translation>{path} 파일을 읽을 수 없습니다: {reason}</translation>
    </message>
    <message>
        <source>{count} URLs from {path}</source>
        <translation>{path}에서 URL {count}개를 불러왔습니다</translation>
    </message>
    <message>
        <source>Save URL list</source>
        <translation>URL 목록 저장</translation>
    </message>
    <message>
        <source>Could not write {path}: {reason}</source>
        <translation>{path}에 쓸 수 없습니다: {reason}</translation>
    </message>
    <message>
        <source>Saved {count} URLs to {path}</source>
        <translation>URL {count}개를 {path}에 저장했습니다</translation>
    </message>
    <message>
        <source>Reset settings</source>
        <translation>설정 초기화</translation>
    </message>
    <message>
        <source>Put every setting back as at first start: both experiments&apos; options, the URL list, the zoom, the theme, the language and the window&apos;s layout?</source>
        <translation>모든 설정을 처음 시작할 때처럼 되돌릴까요? 두 실험의 옵션, URL 목록, 확대 배율, 테마, 언어, 창 배치가 모두 바뀝니다.</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <source>Start &amp;processes</source>
        <extracomment>The translation context of the commands&apos; names and tips.</extracomment>
        <translation>프로세스 시작(&amp;P)</translation>
    </message>
    <message>
        <source>Start the named processes, as the Start processes button</source>
        <translation>이름 붙인 프로세스를 시작합니다(프로세스 시작 버튼과 같음)</translation>
    </message>
    <message>
        <source>Start p&amp;ool</source>
        <translation>풀 시작(&amp;O)</translation>
    </message>
    <message>
        <source>Fetch the pages in the process pool, as the Start pool button</source>
        <translation>프로세스 풀로 페이지를 가져옵니다(풀 시작 버튼과 같음)</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>중지(&amp;S)</translation>
    </message>
    <message>
        <source>Stop every running experiment and its processes</source>
        <translation>실행 중인 모든 실험과 그 프로세스를 멈춥니다</translation>
    </message>
    <message>
        <source>&amp;Clear</source>
        <translation>지우기(&amp;C)</translation>
    </message>
    <message>
        <source>Empty the console and take the markers off the graph; the table keeps only the latest run (tick Keep earlier runs to see the others again: nothing is lost)</source>
        <translation>콘솔을 비우고 그래프의 표시선을 지웁니다. 표에는 가장 최근 실행만 남습니다(이전 실행 보관을 체크하면 다시 보입니다. 사라지는 것은 없습니다)</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>확대(&amp;I)</translation>
    </message>
    <message>
        <source>Bigger text, lines and graph</source>
        <translation>글자, 선, 그래프를 크게</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>축소(&amp;O)</translation>
    </message>
    <message>
        <source>Smaller text, lines and graph</source>
        <translation>글자, 선, 그래프를 작게</translation>
    </message>
    <message>
        <source>&amp;Reset zoom</source>
        <translation>원래 크기(&amp;R)</translation>
    </message>
    <message>
        <source>Back to the zoom that suits this screen</source>
        <translation>이 화면에 맞는 배율로 돌아갑니다</translation>
    </message>
    <message>
        <source>&amp;Presentation</source>
        <translation>발표 모드(&amp;P)</translation>
    </message>
    <message>
        <source>Full screen with big text for a projector; Esc or F11 leaves it</source>
        <translation>프로젝터용으로 큰 글자의 전체 화면을 씁니다. Esc나 F11로 나갑니다</translation>
    </message>
    <message>
        <source>Leave presentation</source>
        <translation>발표 모드 끝내기</translation>
    </message>
    <message>
        <source>Back to the window as it was</source>
        <translation>원래 창으로 돌아갑니다</translation>
    </message>
    <message>
        <source>&amp;Next theme</source>
        <translation>다음 테마(&amp;N)</translation>
    </message>
    <message>
        <source>Light, dark, high contrast, in turn</source>
        <translation>밝게, 어둡게, 고대비를 차례로</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>단축키(&amp;K)</translation>
    </message>
    <message>
        <source>Show every key of this list, large; any key closes it</source>
        <translation>이 목록의 모든 키를 크게 보여 줍니다. 아무 키나 누르면 닫힙니다</translation>
    </message>
</context>
<context>
    <name>TimeControls</name>
    <message>
        <source>▶ Follow live</source>
        <extracomment>How many runs the key lists at most (the newest in view); the badges&apos; tooltips name the rest.</extracomment>
        <translation>▶ 실시간 따라가기</translation>
    </message>
    <message>
        <source>Keep the graphs on the last moments, as they happen.</source>
        <translation>그래프가 방금 일어난 일을 계속 따라가게 합니다.</translation>
    </message>
    <message>
        <source>❚❚ Pause</source>
        <translation>❚❚ 일시 정지</translation>
    </message>
    <message>
        <source>Freeze the graphs to look back: drag to move in time, the wheel to zoom. Runs go on meanwhile.</source>
        <translation>그래프를 멈추고 지난 일을 봅니다. 끌어서 시간을 옮기고, 휠로 확대합니다. 그동안에도 실행은 계속됩니다.</translation>
    </message>
    <message>
        <source>Last 1 min</source>
        <translation>최근 1분</translation>
    </message>
    <message>
        <source>Last 5 min</source>
        <translation>최근 5분</translation>
    </message>
    <message>
        <source>Whole session</source>
        <translation>세션 전체</translation>
    </message>
    <message>
        <source>History: how much time the graphs show while following.</source>
        <translation>기록: 따라가는 동안 그래프가 보여 주는 시간 범위입니다.</translation>
    </message>
</context>
<context>
    <name>TimelinePlot</name>
    <message>
        <source>Start a run: each process, or each pool worker, gets a lane here.</source>
        <extracomment>The most jobs laid out at once (the newest runs in view). A bar was clicked: (run_id, job_id).</extracomment>
        <translation>실행을 시작하세요. 프로세스나 풀 워커마다 여기에 한 줄씩 생깁니다.</translation>
    </message>
    <message>
        <source>{n} earlier runs in view are not shown: zoom in to see them.</source>
        <translation>보이는 범위의 이전 실행 {n}개는 표시하지 않습니다. 확대하면 보입니다.</translation>
    </message>
</context>
<context>
    <name>UrlListEditor</name>
    <message>
        <source>the line is blank</source>
        <extracomment>The five sites the lesson fetched. Without internet they fail with a DNS reason, which is honest and itself a lesson. The line exactly as typed. The display role holds only a short copy of it. The FailureKind value of a line that cannot be fetched, &quot;&quot; for a good one. Characters of a line shown in the list and in its tooltip. A line being edited is never cut: QLineEdit&apos;s default (32767) would. setCurrentRow(row, _KEEP_SELECTION) moves the current item without replacing the multi-line selection just made.</extracomment>
        <translation>빈 줄입니다</translation>
    </message>
    <message>
        <source>not a valid URL: {message}</source>
        <translation>올바른 URL이 아닙니다: {message}</translation>
    </message>
    <message>
        <source>scheme &apos;{scheme}&apos; is not allowed: only http and https are fetched</source>
        <translation>&apos;{scheme}&apos; 스킴은 허용되지 않습니다. http와 https만 가져옵니다</translation>
    </message>
    <message>
        <source>URL is {count} characters long; the limit is {limit}</source>
        <translation>URL이 {count}자입니다. 최대 {limit}자까지입니다</translation>
    </message>
    <message>
        <source>a user name and password in the URL are not sent (host &apos;{host}&apos;)</source>
        <translation>URL에 들어 있는 사용자 이름과 비밀번호는 보내지 않습니다(호스트 &apos;{host}&apos;)</translation>
    </message>
    <message>
        <source>cannot be fetched ({kind})</source>
        <translation>가져올 수 없습니다({kind})</translation>
    </message>
    <message>
        <source>One page per line. Double-click or press F2 to edit, drag to reorder,
Ctrl+V pastes many lines at once.</source>
        <translation>한 줄에 페이지 하나. 두 번 클릭하거나 F2를 누르면 고치고, 끌어서 순서를 바꿉니다.
Ctrl+V로 여러 줄을 한꺼번에 붙여 넣습니다.</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>붙여넣기</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>추가</translation>
    </message>
    <message>
        <source>Add a new line</source>
        <translation>새 줄을 추가합니다</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>삭제</translation>
    </message>
    <message>
        <source>Remove the selected lines</source>
        <translation>선택한 줄을 지웁니다</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>위로</translation>
    </message>
    <message>
        <source>Move up one place</source>
        <translation>한 칸 위로 옮깁니다</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>아래로</translation>
    </message>
    <message>
        <source>Move down one place</source>
        <translation>한 칸 아래로 옮깁니다</translation>
    </message>
    <message>
        <source>Add every line on the clipboard as a page (Ctrl+V)</source>
        <translation>클립보드의 각 줄을 페이지로 추가합니다(Ctrl+V)</translation>
    </message>
    <message>
        <source>Defaults</source>
        <translation>기본값</translation>
    </message>
    <message>
        <source>Put back the lesson&apos;s sites and the demo site&apos;s pages</source>
        <translation>수업 예제의 사이트와 데모 사이트의 페이지로 되돌립니다</translation>
    </message>
</context>
<context>
    <name>Words</name>
    <message>
        <source>thread {thread} in process {pid}</source>
        <extracomment>Order of the Status column when sorted: as a job passes through its states. Characters of a name or URL the cell and its tooltip show (the view elides further). Status texts kept at most (one per distinct state and failure).</extracomment>
        <translation>프로세스 {pid}의 스레드 {thread}</translation>
    </message>
    <message>
        <source>Dask worker {name} at {address}, PID {pid}</source>
        <translation>Dask 워커 {name} ({address}), PID {pid}</translation>
    </message>
    <message>
        <source>process {pid}, named &apos;{name}&apos;</source>
        <translation>프로세스 {pid}, 이름 &apos;{name}&apos;</translation>
    </message>
    <message>
        <source>process {pid}</source>
        <translation>프로세스 {pid}</translation>
    </message>
    <message>
        <source>waiting</source>
        <extracomment>Longest reason or URL a cell or a one-line message shows; the rest goes to the tooltip.</extracomment>
        <translation>대기 중</translation>
    </message>
    <message>
        <source>running</source>
        <translation>실행 중</translation>
    </message>
    <message>
        <source>done</source>
        <translation>완료</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>실패</translation>
    </message>
    <message>
        <source>killed</source>
        <translation>강제 종료됨</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>중지됨</translation>
    </message>
    <message>
        <source>never started</source>
        <translation>시작 안 됨</translation>
    </message>
    <message>
        <source>the URL is blank</source>
        <translation>URL이 비어 있습니다</translation>
    </message>
    <message>
        <source>not a valid URL: {message}</source>
        <translation>올바른 URL이 아닙니다: {message}</translation>
    </message>
    <message>
        <source>scheme &apos;{scheme}&apos; is not allowed (only http and https are fetched)</source>
        <translation>&apos;{scheme}&apos; 스킴은 허용되지 않습니다(http와 https만 가져옵니다)</translation>
    </message>
    <message>
        <source>the URL is too long ({count} characters, at most {limit})</source>
        <translation>URL이 너무 깁니다({count}자, 최대 {limit}자)</translation>
    </message>
    <message>
        <source>a user name and password in the URL are not sent (host &apos;{host}&apos;)</source>
        <translation>URL에 들어 있는 사용자 이름과 비밀번호는 보내지 않습니다(호스트 &apos;{host}&apos;)</translation>
    </message>
    <message>
        <source>could not find host &apos;{host}&apos;</source>
        <translation>호스트를 찾을 수 없습니다: &apos;{host}&apos;</translation>
    </message>
    <message>
        <source>{host}:{port} refused the connection</source>
        <translation>{host}:{port}에서 연결을 거부했습니다</translation>
    </message>
    <message>
        <source>no answer within {limit} s</source>
        <translation>{limit}초 안에 응답이 없습니다</translation>
    </message>
    <message>
        <source>the certificate of &apos;{host}&apos; could not be trusted</source>
        <translation>&apos;{host}&apos;의 인증서를 신뢰할 수 없습니다</translation>
    </message>
    <message>
        <source>the secure connection to &apos;{host}&apos; failed</source>
        <translation>&apos;{host}&apos;와의 보안 연결에 실패했습니다</translation>
    </message>
    <message>
        <source>{host}:{port} closed the connection without answering</source>
        <translation>{host}:{port}에서 응답 없이 연결을 닫았습니다</translation>
    </message>
    <message>
        <source>{host}:{port} reset the connection</source>
        <translation>{host}:{port}에서 연결을 재설정했습니다</translation>
    </message>
    <message>
        <source>the connection closed after {count} of {expected} bytes</source>
        <translation>{expected}바이트 중 {count}바이트를 받고 연결이 닫혔습니다</translation>
    </message>
    <message>
        <source>could not talk to {host}:{port} ({exc_type})</source>
        <translation>{host}:{port}와 통신할 수 없습니다({exc_type})</translation>
    </message>
    <message>
        <source>HTTP {status} {phrase}</source>
        <translation>HTTP {status} {phrase}</translation>
    </message>
    <message>
        <source>the page is larger than the limit of {limit} bytes</source>
        <translation>페이지가 한도인 {limit}바이트보다 큽니다</translation>
    </message>
    <message>
        <source>redirected to a &apos;{scheme}&apos; URL, which is not fetched</source>
        <translation>가져오지 않는 &apos;{scheme}&apos; URL로 리디렉션되었습니다</translation>
    </message>
    <message>
        <source>more than {limit} redirects</source>
        <translation>리디렉션이 {limit}번을 넘었습니다</translation>
    </message>
    <message>
        <source>could not be started ({exc_type}: {message})</source>
        <translation>시작할 수 없습니다({exc_type}: {message})</translation>
    </message>
    <message>
        <source>raised {exc_type}: {message}</source>
        <translation>{exc_type} 예외 발생: {message}</translation>
    </message>
    <message>
        <source>ended with exit code {exit_code} without a result</source>
        <translation>결과 없이 종료 코드 {exit_code}로 끝났습니다</translation>
    </message>
    <message>
        <source>its pool worker (PID {pid}) died with exit code {exit_code}</source>
        <translation>풀 워커(PID {pid})가 종료 코드 {exit_code}로 죽었습니다</translation>
    </message>
    <message>
        <source>the pool broke again after one retry</source>
        <translation>한 번 다시 시도했지만 풀이 또 깨졌습니다</translation>
    </message>
    <message>
        <source>the process (PID {pid}) vanished without an exit status</source>
        <translation>프로세스(PID {pid})가 종료 상태 없이 사라졌습니다</translation>
    </message>
    <message>
        <source>could not reach the Dask scheduler at {host} within {limit} s</source>
        <translation>{limit}초 안에 {host}의 Dask 스케줄러에 연결하지 못했습니다</translation>
    </message>
    <message>
        <source>the Dask cluster did not start ({exc_type}: {message})</source>
        <translation>Dask 클러스터가 시작하지 않았습니다({exc_type}: {message})</translation>
    </message>
    <message>
        <source>the Dask scheduler at {host} has no workers</source>
        <translation>{host}의 Dask 스케줄러에 워커가 없습니다</translation>
    </message>
    <message>
        <source>its Dask worker {host} (PID {pid}) died while holding it</source>
        <translation>작업을 맡은 Dask 워커 {host}(PID {pid})가 죽었습니다</translation>
    </message>
    <message>
        <source>killed by {signal}</source>
        <translation>{signal}로 강제 종료됨</translation>
    </message>
    <message>
        <source>stopped ({signal})</source>
        <translation>중지됨({signal})</translation>
    </message>
    <message>
        <source>unexpected error: {exc_type}: {message}</source>
        <translation>예상하지 못한 오류: {exc_type}: {message}</translation>
    </message>
    <message>
        <source>unknown signal</source>
        <translation>알 수 없는 시그널</translation>
    </message>
    <message>
        <source>error</source>
        <translation>오류</translation>
    </message>
    <message>
        <source>failed: {reason}</source>
        <translation>실패: {reason}</translation>
    </message>
    <message>
        <source>the process count must be at least 1 (it is {processes})</source>
        <translation>프로세스 수는 1 이상이어야 합니다(지금 {processes})</translation>
    </message>
    <message>
        <source>{processes} processes is more than this app ever starts ({limit})</source>
        <translation>프로세스 {processes}개는 이 앱이 시작할 수 있는 최대치({limit})보다 많습니다</translation>
    </message>
    <message>
        <source>{processes} processes is more than this machine safely runs ({limit}: {why})</source>
        <translation>프로세스 {processes}개는 이 컴퓨터가 안전하게 돌릴 수 있는 수보다 많습니다({limit}: {why})</translation>
    </message>
    <message>
        <source>the sleep times must be finite numbers of seconds</source>
        <translation>대기 시간은 유한한 초 값이어야 합니다</translation>
    </message>
    <message>
        <source>the sleep times cannot be negative</source>
        <translation>대기 시간은 음수일 수 없습니다</translation>
    </message>
    <message>
        <source>the sleep range is backwards: the minimum {sleep_min} s is more than the maximum {sleep_max} s</source>
        <translation>대기 범위가 거꾸로입니다. 최솟값 {sleep_min}초가 최댓값 {sleep_max}초보다 큽니다</translation>
    </message>
    <message>
        <source>the niceness must be between {low} and {high} (it is {niceness})</source>
        <translation>nice 값은 {low}에서 {high} 사이여야 합니다(지금 {niceness})</translation>
    </message>
    <message>
        <source>there is no workload &apos;{workload}&apos; (choose one of: {choices})</source>
        <translation>&apos;{workload}&apos;라는 작업 종류는 없습니다(다음 중 하나: {choices})</translation>
    </message>
    <message>
        <source>no URLs to fetch: add at least one</source>
        <translation>가져올 URL이 없습니다. 하나 이상 추가하세요</translation>
    </message>
    <message>
        <source>the pool size must be between {low} and {high} (it is {workers})</source>
        <translation>풀 크기는 {low}에서 {high} 사이여야 합니다(지금 {workers})</translation>
    </message>
    <message>
        <source>the timeout must be more than 0 seconds and finite (it is {timeout})</source>
        <translation>제한 시간은 0초보다 크고 유한해야 합니다(지금 {timeout})</translation>
    </message>
    <message>
        <source>the as_completed timeout must be more than 0 seconds and finite (it is {timeout})</source>
        <translation>as_completed 제한 시간은 0초보다 크고 유한해야 합니다(지금 {timeout})</translation>
    </message>
    <message>
        <source>the page size limit must be at least 1 byte (it is {max_bytes})</source>
        <translation>페이지 크기 한도는 1바이트 이상이어야 합니다(지금 {max_bytes})</translation>
    </message>
    <message>
        <source>the start method &apos;{method}&apos; is not available here (choose one of: {choices})</source>
        <translation>여기서는 시작 방식 &apos;{method}&apos;을(를) 쓸 수 없습니다(다음 중 하나: {choices})</translation>
    </message>
    <message>
        <source>there is no executor &apos;{executor}&apos; (choose one of: {choices})</source>
        <translation>&apos;{executor}&apos;라는 실행기는 없습니다(다음 중 하나: {choices})</translation>
    </message>
    <message>
        <source>jobs cannot run as &apos;{run_as}&apos; (choose one of: {choices})</source>
        <translation>작업을 &apos;{run_as}&apos;로 실행할 수 없습니다(다음 중 하나: {choices})</translation>
    </message>
    <message>
        <source>this needs {package}, which is not installed: pip install .[{extra}]</source>
        <translation>{package}이(가) 필요한데 설치되어 있지 않습니다: pip install .[{extra}]</translation>
    </message>
    <message>
        <source>the {executor} executor has no setting &apos;{setting}&apos;</source>
        <translation>{executor} 실행기에는 &apos;{setting}&apos; 설정이 없습니다</translation>
    </message>
    <message>
        <source>the scheduler must be &apos;local&apos; or an address such as tcp://host:8786 (it is &apos;{scheduler}&apos;)</source>
        <translation>스케줄러는 &apos;local&apos;이거나 tcp://host:8786 같은 주소여야 합니다(지금 &apos;{scheduler}&apos;)</translation>
    </message>
    <message>
        <source>a local Dask cluster has between {low} and {high} workers (it is {workers})</source>
        <translation>로컬 Dask 클러스터의 워커 수는 {low}에서 {high} 사이입니다(지금 {workers})</translation>
    </message>
    <message>
        <source>the connect timeout must be more than 0 seconds and finite (it is {timeout})</source>
        <translation>연결 제한 시간은 0초보다 크고 유한해야 합니다(지금 {timeout})</translation>
    </message>
    <message>
        <source>{cores} cores × {per_core} processes per core</source>
        <translation>코어 {cores}개 × 코어당 프로세스 {per_core}개</translation>
    </message>
    <message>
        <source>{gib} GiB of free memory fits about {limit} children</source>
        <translation>남은 메모리 {gib} GiB에 자식 약 {limit}개가 들어갑니다</translation>
    </message>
    <message>
        <source>Start {count} processes?</source>
        <translation>프로세스 {count}개를 시작할까요?</translation>
    </message>
    <message>
        <source>{count} processes is more than this machine safely runs ({limit}: {why}).

The computer may become slow until they finish. Start them anyway?</source>
        <translation>프로세스 {count}개는 이 컴퓨터가 안전하게 돌릴 수 있는 수보다 많습니다({limit}: {why}).

모두 끝날 때까지 컴퓨터가 느려질 수 있습니다. 그래도 시작할까요?</translation>
    </message>
    <message>
        <source>Not started: {reason}</source>
        <translation>시작하지 않음: {reason}</translation>
    </message>
    <message>
        <source>Processes</source>
        <translation>프로세스</translation>
    </message>
    <message>
        <source>Threads</source>
        <translation>스레드</translation>
    </message>
    <message>
        <source>Dask cluster</source>
        <translation>Dask 클러스터</translation>
    </message>
    <message>
        <source>ProcessPoolExecutor: each page is fetched in one of a few worker processes.</source>
        <translation>ProcessPoolExecutor: 각 페이지를 몇 개의 워커 프로세스 중 하나가 가져옵니다.</translation>
    </message>
    <message>
        <source>ThreadPoolExecutor: each page is fetched in a thread of this window&apos;s process.
Stop cannot end a thread: a page already loading finishes first.</source>
        <translation>ThreadPoolExecutor: 각 페이지를 이 창 프로세스의 스레드가 가져옵니다.
중지해도 스레드는 끝낼 수 없어서, 이미 불러오는 페이지는 끝까지 갑니다.</translation>
    </message>
    <message>
        <source>Dask distributed: client.get_executor() runs the same submit and as_completed
on the workers of a Dask cluster, started here or reached at its address.</source>
        <translation>Dask distributed: client.get_executor()로 같은 submit과 as_completed를
Dask 클러스터의 워커에서 실행합니다. 클러스터는 여기서 시작하거나 주소로 접속합니다.</translation>
    </message>
    <message>
        <source>named processes</source>
        <translation>이름 붙인 프로세스</translation>
    </message>
    <message>
        <source>process pool</source>
        <translation>프로세스 풀</translation>
    </message>
    <message>
        <source>Run {run}</source>
        <translation>실행 {run}</translation>
    </message>
    <message>
        <source>1 URL</source>
        <translation>URL 1개</translation>
    </message>
    <message>
        <source>{n} URLs</source>
        <translation>URL {n}개</translation>
    </message>
    <message>
        <source>{n} threads</source>
        <translation>스레드 {n}개</translation>
    </message>
    <message>
        <source>{n} workers</source>
        <translation>워커 {n}개</translation>
    </message>
    <message>
        <source>1 thread</source>
        <translation>스레드 1개</translation>
    </message>
    <message>
        <source>1 process</source>
        <translation>프로세스 1개</translation>
    </message>
    <message>
        <source>{n} processes</source>
        <translation>프로세스 {n}개</translation>
    </message>
    <message>
        <source>{run}: fetching {size} ({executor})</source>
        <translation>{run}: {size} 가져오는 중({executor})</translation>
    </message>
    <message>
        <source>{run}: starting {size}</source>
        <translation>{run}: {size} 시작</translation>
    </message>
    <message>
        <source>Dask dashboard: {link}</source>
        <translation>Dask 대시보드: {link}</translation>
    </message>
    <message>
        <source>{count} {state}</source>
        <translation>{state} {count}</translation>
    </message>
    <message>
        <source>{run} is running: {counts}</source>
        <translation>{run} 실행 중: {counts}</translation>
    </message>
    <message>
        <source>{run} stopped after {elapsed} s: {counts}</source>
        <translation>{run}, {elapsed}초 만에 중지: {counts}</translation>
    </message>
    <message>
        <source>{run} finished in {elapsed} s: {counts}</source>
        <translation>{run}, {elapsed}초 만에 끝남: {counts}</translation>
    </message>
    <message>
        <source>{run}: Stop: ending {n} running, the rest will not start</source>
        <translation>{run}: 중지: 실행 중인 {n}개를 끝내고, 나머지는 시작하지 않습니다</translation>
    </message>
    <message>
        <source>{run}: Stop: {n} running cannot be ended and finish on their own (at most {limit} s); the rest will not start</source>
        <translation>{run}: 중지: 실행 중인 {n}개는 끝낼 수 없어 스스로 끝날 때까지 기다립니다(최대 {limit}초). 나머지는 시작하지 않습니다</translation>
    </message>
    <message>
        <source>{run}: Stop: {n} running cannot be ended and finish on their own</source>
        <translation>{run}: 중지: 실행 중인 {n}개는 끝낼 수 없어 스스로 끝날 때까지 기다립니다</translation>
    </message>
    <message>
        <source>as_completed(timeout={timeout}) raised TimeoutError with {count} still running ({names}); they are reported as they end.</source>
        <translation>as_completed(timeout={timeout})에서 TimeoutError가 났습니다. 아직 {count}개가 실행 중입니다({names}). 끝나는 대로 알려 드립니다.</translation>
    </message>
    <message>
        <source>stopping…</source>
        <translation>중지하는 중…</translation>
    </message>
    <message>
        <source>stopped after {elapsed} s: {counts}</source>
        <translation>{elapsed}초 만에 중지됨: {counts}</translation>
    </message>
    <message>
        <source>{done} of {total} done in {elapsed} s</source>
        <translation>{elapsed}초 동안 {total}개 중 {done}개 완료</translation>
    </message>
    <message>
        <source>parent PID {pid}</source>
        <translation>부모 PID {pid}</translation>
    </message>
    <message>
        <source>{run} start · {size}</source>
        <translation>{run} 시작 · {size}</translation>
    </message>
    <message>
        <source>{run} stopped · {elapsed} s</source>
        <translation>{run} 중지 · {elapsed}초</translation>
    </message>
    <message>
        <source>{run} end · {elapsed} s</source>
        <translation>{run} 끝 · {elapsed}초</translation>
    </message>
    <message>
        <source>No run yet</source>
        <translation>아직 실행 없음</translation>
    </message>
    <message>
        <source>{ended} of {total} ended, stopped</source>
        <translation>{total}개 중 {ended}개 끝남, 중지됨</translation>
    </message>
    <message>
        <source>{ended} / {total}</source>
        <translation>{ended} / {total}</translation>
    </message>
    <message>
        <source>Stopping: ending every running job…</source>
        <translation>중지하는 중: 실행 중인 모든 작업을 끝내고 있습니다…</translation>
    </message>
    <message>
        <source>The oldest runs are being forgotten to keep memory in check; the latest {kept} are kept.</source>
        <translation>메모리를 아끼려고 가장 오래된 실행부터 지웁니다. 최근 {kept}개는 남겨 둡니다.</translation>
    </message>
    <message>
        <source>Exported {count} jobs to {path}</source>
        <translation>작업 {count}개를 내보냈습니다: {path}</translation>
    </message>
    <message>
        <source>Could not write {path}: {reason}</source>
        <translation>{path}에 쓸 수 없습니다: {reason}</translation>
    </message>
    <message>
        <source>PID</source>
        <translation>PID</translation>
    </message>
    <message>
        <source>Parent PID</source>
        <translation>부모 PID</translation>
    </message>
    <message>
        <source>Python name</source>
        <translation>Python 이름</translation>
    </message>
    <message>
        <source>OS title</source>
        <translation>OS 제목</translation>
    </message>
    <message>
        <source>State</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>CPU % of one core</source>
        <translation>CPU %(코어 하나 기준)</translation>
    </message>
    <message>
        <source>Memory (RSS)</source>
        <translation>메모리(RSS)</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>실행 시간</translation>
    </message>
    <message>
        <source>Process ID: the number the operating system gave the process when it started.</source>
        <translation>프로세스 ID: 프로세스가 시작할 때 운영체제가 준 번호입니다.</translation>
    </message>
    <message>
        <source>The PID of the process that started it.</source>
        <translation>이 프로세스를 시작한 프로세스의 PID입니다.</translation>
    </message>
    <message>
        <source>The name= given to multiprocessing.Process, as the process reported it.
It exists only inside Python.</source>
        <translation>multiprocessing.Process에 준 name=이며, 프로세스가 알려 온 그대로입니다.
Python 안에만 있는 이름입니다.</translation>
    </message>
    <message>
        <source>What ps, htop and Task Manager show for the process.</source>
        <translation>ps, htop, 작업 관리자가 이 프로세스에 대해 보여 주는 이름입니다.</translation>
    </message>
    <message>
        <source>What the process is doing now, as the operating system says.</source>
        <translation>운영체제가 말하는, 프로세스가 지금 하고 있는 일입니다.</translation>
    </message>
    <message>
        <source>CPU time used since the last reading, in % of one core:
a process keeping two cores busy shows 200 %.</source>
        <translation>지난번 측정 이후 쓴 CPU 시간을 코어 하나 기준 %로 나타냅니다.
코어 두 개를 바쁘게 쓰는 프로세스는 200 %로 보입니다.</translation>
    </message>
    <message>
        <source>Resident memory: the part of the process&apos;s memory in RAM.</source>
        <translation>상주 메모리: 프로세스 메모리 중 RAM에 올라와 있는 부분입니다.</translation>
    </message>
    <message>
        <source>How long ago the process started.</source>
        <translation>프로세스가 시작한 지 얼마나 되었는지입니다.</translation>
    </message>
    <message>
        <source>sleeping</source>
        <translation>대기 중</translation>
    </message>
    <message>
        <source>waiting for the disk</source>
        <translation>디스크 대기 중</translation>
    </message>
    <message>
        <source>stopped by a debugger</source>
        <translation>디버거가 멈춤</translation>
    </message>
    <message>
        <source>zombie</source>
        <translation>좀비</translation>
    </message>
    <message>
        <source>exited</source>
        <translation>종료됨</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>유휴</translation>
    </message>
    <message>
        <source>waking</source>
        <translation>깨어나는 중</translation>
    </message>
    <message>
        <source>parked</source>
        <translation>정지(parked)</translation>
    </message>
    <message>
        <source>The process has exited; its parent has not yet collected its exit status (join()). Until then the operating system keeps its PID.</source>
        <translation>프로세스는 끝났지만 부모가 아직 종료 상태를 거두지 않았습니다(join()). 그때까지 운영체제는 이 PID를 남겨 둡니다.</translation>
    </message>
    <message>
        <source>The process has exited. The row goes after a few seconds.</source>
        <translation>프로세스가 끝났습니다. 이 줄은 몇 초 뒤에 사라집니다.</translation>
    </message>
    <message>
        <source>MainProcess (this window)</source>
        <translation>MainProcess(이 창)</translation>
    </message>
    <message>
        <source>fork server (multiprocessing)</source>
        <translation>fork 서버(multiprocessing)</translation>
    </message>
    <message>
        <source>resource tracker (multiprocessing)</source>
        <translation>자원 추적기(multiprocessing의 resource tracker)</translation>
    </message>
    <message>
        <source>Process Lab itself: every other row was started from it.</source>
        <translation>Process Lab 자신입니다. 다른 모든 줄은 여기서 시작되었습니다.</translation>
    </message>
    <message>
        <source>multiprocessing&apos;s fork server (start method forkserver): a small process that starts the children by forking itself, so each starts quickly.</source>
        <translation>multiprocessing의 fork 서버(시작 방식 forkserver): 자기 자신을 fork 해서 자식을 시작하는 작은 프로세스라서 자식이 빨리 시작합니다.</translation>
    </message>
    <message>
        <source>multiprocessing&apos;s resource tracker: it cleans up shared memory and semaphores that a crashed process left behind.</source>
        <translation>multiprocessing의 resource tracker: 비정상 종료한 프로세스가 남긴 공유 메모리와 세마포어를 정리합니다.</translation>
    </message>
    <message>
        <source>Named process {name} of Run {run}</source>
        <translation>실행 {run}의 이름 붙인 프로세스 {name}</translation>
    </message>
    <message>
        <source>pool worker, Run {run}</source>
        <translation>풀 워커, 실행 {run}</translation>
    </message>
    <message>
        <source>thread</source>
        <translation>스레드</translation>
    </message>
    <message>
        <source>Thread {tid} of this process: threads share their process&apos;s PID.</source>
        <translation>이 프로세스의 스레드 {tid}: 스레드는 자기 프로세스의 PID를 함께 씁니다.</translation>
    </message>
    <message>
        <source>{mb} MB</source>
        <translation>{mb} MB</translation>
    </message>
    <message>
        <source>{s} s</source>
        <translation>{s}초</translation>
    </message>
    <message>
        <source>{m} min {s:02d} s</source>
        <translation>{m}분 {s:02d}초</translation>
    </message>
    <message>
        <source>{h} h {m:02d} min</source>
        <translation>{h}시간 {m:02d}분</translation>
    </message>
    <message>
        <source>(no command line: the process has exited)</source>
        <translation>(명령줄 없음: 프로세스가 끝났습니다)</translation>
    </message>
    <message>
        <source>Command line: {cmdline}</source>
        <translation>명령줄: {cmdline}</translation>
    </message>
    <message>
        <source>OS titles on: each child sets its own (plab:7, plab:w3), so ps, htop and Task Manager tell them apart.</source>
        <translation>OS 제목 켜짐: 자식마다 자기 제목을 정하므로(plab:7, plab:w3) ps, htop, 작업 관리자에서 서로 구별됩니다.</translation>
    </message>
    <message>
        <source>OS titles are all python: setproctitle is not installed, so the children cannot rename themselves for ps, htop and Task Manager (pip install .[titles] to turn them on).</source>
        <translation>OS 제목이 모두 python입니다. setproctitle이 설치되어 있지 않아 자식이 ps, htop, 작업 관리자에 보일 이름을 바꿀 수 없습니다(켜려면 pip install .[titles]).</translation>
    </message>
    <message>
        <source>Show threads</source>
        <translation>스레드 보기</translation>
    </message>
    <message>
        <source>List each process&apos;s threads under it, with their CPU use: a thread pool&apos;s workers are threads inside one PID.</source>
        <translation>각 프로세스 아래에 스레드와 그 CPU 사용량을 보여 줍니다. 스레드 풀의 워커는 PID 하나 안의 스레드입니다.</translation>
    </message>
    <message>
        <source>Python name, OS title, PID: what is the difference?</source>
        <translation>Python 이름, OS 제목, PID: 무엇이 다른가요?</translation>
    </message>
    <message>
        <source>Python name, OS title and PID</source>
        <translation>Python 이름, OS 제목, PID</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;PID&lt;/b&gt;: the number the operating system gives a process when it starts. ps, kill and Task Manager find a process by it. It says nothing about what the process does, and once the process has ended the number can be given to a new one.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Python name&lt;/b&gt;: the &lt;code&gt;name=&lt;/code&gt; of &lt;code&gt;multiprocessing.Process(name=&quot;7&quot;)&lt;/code&gt;. It lives only inside Python (&lt;code&gt;current_process().name&lt;/code&gt;): the operating system never hears of it.&lt;/p&gt;&lt;p&gt;&lt;b&gt;OS title&lt;/b&gt;: what ps, htop and Task Manager show. For every child it is &lt;code&gt;python&lt;/code&gt;, unless the child changes it itself, as Process Lab&apos;s children do with the optional setproctitle package: &lt;code&gt;plab:7&lt;/code&gt; for process 7, &lt;code&gt;plab:w3&lt;/code&gt; for a pool worker. The kernel keeps only 15 bytes of it.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;PID&lt;/b&gt;: 프로세스가 시작할 때 운영체제가 주는 번호입니다. ps, kill, 작업 관리자는 이 번호로 프로세스를 찾습니다. 프로세스가 무슨 일을 하는지는 알려 주지 않으며, 프로세스가 끝나면 같은 번호가 새 프로세스에 다시 주어질 수 있습니다.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Python 이름&lt;/b&gt;: &lt;code&gt;multiprocessing.Process(name=&quot;7&quot;)&lt;/code&gt;의 &lt;code&gt;name=&lt;/code&gt;입니다. Python 안에만 있으며(&lt;code&gt;current_process().name&lt;/code&gt;) 운영체제는 이 이름을 모릅니다.&lt;/p&gt;&lt;p&gt;&lt;b&gt;OS 제목&lt;/b&gt;: ps, htop, 작업 관리자가 보여 주는 이름입니다. 자식이 직접 바꾸지 않으면 모두 &lt;code&gt;python&lt;/code&gt;입니다. Process Lab의 자식은 선택 패키지 setproctitle로 이름을 바꿉니다: 프로세스 7은 &lt;code&gt;plab:7&lt;/code&gt;, 풀 워커는 &lt;code&gt;plab:w3&lt;/code&gt;. 커널은 이 중 15바이트만 보관합니다.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>stopped after {elapsed} s</source>
        <translation>{elapsed}초 만에 중지됨</translation>
    </message>
    <message>
        <source>{elapsed} s</source>
        <translation>{elapsed}초</translation>
    </message>
    <message>
        <source>thread {n}</source>
        <translation>스레드 {n}</translation>
    </message>
    <message>
        <source>PID {pid}</source>
        <translation>PID {pid}</translation>
    </message>
    <message>
        <source>processes</source>
        <translation>프로세스</translation>
    </message>
    <message>
        <source>threads</source>
        <translation>스레드</translation>
    </message>
    <message>
        <source>workers</source>
        <translation>워커</translation>
    </message>
    <message>
        <source>processes / workers</source>
        <translation>프로세스 / 워커</translation>
    </message>
    <message>
        <source>{seconds} s</source>
        <translation>{seconds}초</translation>
    </message>
    <message>
        <source>{run}, {name}</source>
        <translation>{run}, {name}</translation>
    </message>
    <message>
        <source>State: {state}</source>
        <translation>상태: {state}</translation>
    </message>
    <message>
        <source>Worker: {worker}</source>
        <translation>워커: {worker}</translation>
    </message>
    <message>
        <source>PID: {pid}</source>
        <translation>PID: {pid}</translation>
    </message>
    <message>
        <source>Input: {n}</source>
        <translation>입력: {n}</translation>
    </message>
    <message>
        <source>Result: {result}</source>
        <translation>결과: {result}</translation>
    </message>
    <message>
        <source>Result: {nbytes} bytes</source>
        <translation>결과: {nbytes}바이트</translation>
    </message>
    <message>
        <source>Reason: {reason}</source>
        <translation>이유: {reason}</translation>
    </message>
    <message>
        <source>Duration: {took}</source>
        <translation>걸린 시간: {took}</translation>
    </message>
    <message>
        <source>Running for {took}</source>
        <translation>{took}째 실행 중</translation>
    </message>
    <message>
        <source>thread &apos;{name}&apos;</source>
        <translation>스레드 &apos;{name}&apos;</translation>
    </message>
    <message>
        <source>process &apos;{name}&apos;</source>
        <translation>프로세스 &apos;{name}&apos;</translation>
    </message>
</context>
</TS>
